import {
  TransferListResponse,
  TransferResponse,
  TransferStudentSearchResponse,
  type TransferInRequest,
  type TransferOutRequest,
} from '@edukarte/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

const listKey = ['admin', 'transfers'] as const;

/** 最近の転入・転出 (admin), newest first. */
export function useTransfersQuery(page: number, direction: 'in' | 'out' | undefined) {
  return useQuery({
    queryKey: [...listKey, page, direction ?? 'all'],
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/transfers', TransferListResponse, {
        query: { page, pageSize: 20, direction },
        signal,
      }),
  });
}

export function useStudentSearchQuery(q: string) {
  return useQuery({
    queryKey: ['admin', 'transfers', 'students', q],
    enabled: q.trim() !== '',
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/transfers/students', TransferStudentSearchResponse, { query: { q }, signal }),
  });
}

/** Both refresh the list and every roster (a class now shows the child as moved). */
export function useTransferOutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferOutRequest) =>
      apiRequest('/api/admin/transfers/out', TransferResponse, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useTransferInMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferInRequest) =>
      apiRequest('/api/admin/transfers/in', TransferResponse, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
