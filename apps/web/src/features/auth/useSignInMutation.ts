import { SignInResponse, type SignInRequest } from '@edukarte/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import { meQueryKey } from './useMeQuery.ts';

/** Signs in; on success the session cookie is set and the user becomes the cached `me`. */
export function useSignInMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInRequest) =>
      apiRequest('/api/auth/sign-in', SignInResponse, { method: 'POST', body }),
    onSuccess: ({ user }) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
