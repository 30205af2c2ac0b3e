import { Center, Container, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { useMeQuery } from '../features/auth/useMeQuery.ts';
import { CurrentUserContext } from './CurrentUser.tsx';

/** Everything below needs a session; without one the user goes to /sign-in and comes back after. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();

  if (me.isPending) {
    return (
      <Center h="100vh" role="status" aria-label={t('common.loading')}>
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?${new URLSearchParams({ next }).toString()}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
