import { ApiClientListResponse, RegisterClientResponse, type RegisterClientRequest } from '@edukarte/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiRequestNoContent } from '../../api/client.ts';

export const clientsQueryKey = ['admin', 'clients'] as const;

/** The municipality's registered client applications (system administrators only). */
export function useClientsQuery() {
  return useQuery({
    queryKey: clientsQueryKey,
    queryFn: ({ signal }) => apiRequest('/api/admin/clients', ApiClientListResponse, { signal }),
  });
}

/** Registers an application; the response holds the secret, which is never shown again. */
export function useRegisterClientMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterClientRequest) =>
      apiRequest('/api/admin/clients', RegisterClientResponse, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsQueryKey }),
  });
}

export function useDisableClientMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequestNoContent(`/api/admin/clients/${String(id)}/disable`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsQueryKey }),
  });
}
