import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { RolePendingNotice } from '../features/home/RolePendingNotice.tsx';

/** `/`: each role's home. A homeroom teacher starts at their class; other staff at the class list. */
export function HomeRoute() {
  const me = useCurrentUser();
  if (me.role === 'board' || me.role === 'student') return <RolePendingNotice role={me.role} />;
  if (me.role === 'teacher' && me.homeClassId !== null) {
    return <Navigate to={`/classes/${String(me.homeClassId)}`} replace />;
  }
  return <Navigate to="/classes" replace />;
}
