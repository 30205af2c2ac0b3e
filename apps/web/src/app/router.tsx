import { Center, Loader } from '@mantine/core';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { HomeRoute } from '../routes/HomeRoute.tsx';
import { NotFoundRoute } from '../routes/NotFoundRoute.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';

function InitialLoading() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** Screens are lazy-loaded, so the sign-in page does not download ECharts. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <Outlet />,
      errorElement: <RouteError />,
      HydrateFallback: InitialLoading,
      children: [
        {
          path: 'sign-in',
          lazy: async () => ({ Component: (await import('../routes/SignInRoute.tsx')).SignInRoute }),
        },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, Component: HomeRoute },
                {
                  path: 'classes',
                  lazy: async () => ({
                    Component: (await import('../routes/ClassListRoute.tsx')).ClassListRoute,
                  }),
                },
                {
                  path: 'classes/:classId',
                  lazy: async () => ({ Component: (await import('../routes/ClassRoute.tsx')).ClassRoute }),
                },
                {
                  path: 'students/:studentId',
                  lazy: async () => ({
                    Component: (await import('../routes/StudentKarteRoute.tsx')).StudentKarteRoute,
                  }),
                },
                {
                  path: 'admin/koumu-imports',
                  lazy: async () => ({
                    Component: (await import('../routes/KoumuImportRoute.tsx')).KoumuImportRoute,
                  }),
                },
                {
                  path: 'admin/roster-import',
                  lazy: async () => ({
                    Component: (await import('../routes/RosterImportRoute.tsx')).RosterImportRoute,
                  }),
                },
                {
                  path: 'admin/clients',
                  lazy: async () => ({
                    Component: (await import('../routes/AdminClientsRoute.tsx')).AdminClientsRoute,
                  }),
                },
                {
                  path: 'admin/attendance-feed',
                  lazy: async () => ({
                    Component: (await import('../routes/AttendanceFeedRoute.tsx')).AttendanceFeedRoute,
                  }),
                },
                {
                  path: 'admin/identity',
                  lazy: async () => ({
                    Component: (await import('../routes/IdentityRoute.tsx')).IdentityRoute,
                  }),
                },
                {
                  path: 'admin/rollover',
                  lazy: async () => ({
                    Component: (await import('../routes/RolloverRoute.tsx')).RolloverRoute,
                  }),
                },
                {
                  path: 'admin/transfers',
                  lazy: async () => ({
                    Component: (await import('../routes/TransfersRoute.tsx')).TransfersRoute,
                  }),
                },
                { path: '*', Component: NotFoundRoute },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
