import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent, isUnauthorized } from '../../api/client.ts';
import { meQueryKey } from './useMeQuery.ts';

/**
 * Signs out, then reloads the app at /sign-in: every cached answer and every bit of screen state
 * is gone, so the next user of a shared tablet sees nothing of the previous one.
 * A 401 means the session had already ended: that is signed out too.
 */
export function useSignOutMutation() {
  const queryClient = useQueryClient();
  const forget = () => {
    window.location.replace('/sign-in');
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  };
  return useMutation({
    mutationFn: async () => {
      try {
        await apiRequestNoContent('/api/auth/sign-out', { method: 'POST' });
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
      }
    },
    onSuccess: forget,
  });
}
