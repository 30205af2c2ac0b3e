import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isUnauthorized } from '../api/client.ts';
import { meQueryKey } from '../features/auth/useMeQuery.ts';

/**
 * One QueryClient for the app. A 401 from any query means the session ended (expired, or signed
 * out in another tab): forgetting `me` makes RequireAuth send the user to the sign-in screen.
 * Client errors (4xx) are answers, not glitches, so they are not retried.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthorized(error) && query.queryKey[0] !== meQueryKey[0]) {
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          isApiError(error) && error.status >= 400 && error.status < 500 ? false : failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
  return client;
}
