import {
  IdentityReviewResponse,
  IdentityReviewsResponse,
  PersonMergeResponse,
  PersonMergesResponse,
  type IdentityReviewStatus,
  type MergePeopleRequest,
} from '@edukarte/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

const reviewsKey = (status: IdentityReviewStatus) => ['admin', 'identity', 'reviews', status] as const;
const mergesKey = ['admin', 'identity', 'merges'] as const;

/** 名寄せの確認待ち (admin: the municipality; principal: their school). */
export function useIdentityReviewsQuery(status: IdentityReviewStatus = 'pending') {
  return useQuery({
    queryKey: reviewsKey(status),
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/identity/reviews', IdentityReviewsResponse, { query: { status }, signal }),
  });
}

/** 統合の履歴 (admin only). */
export function usePersonMergesQuery(enabled: boolean) {
  return useQuery({
    queryKey: mergesKey,
    enabled,
    queryFn: ({ signal }) => apiRequest('/api/admin/people/merges', PersonMergesResponse, { signal }),
  });
}

/** 同一人物としてつなぐ ('link') or 別人として登録 ('separate'). */
export function useDecideReviewMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'link' | 'separate' }) =>
      apiRequest(`/api/admin/identity/reviews/${String(id)}/${decision}`, IdentityReviewResponse, {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'identity'] }),
  });
}

export function useUndoMergeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/admin/people/merges/${String(id)}/undo`, PersonMergeResponse, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'identity'] }),
  });
}

/** Merges two records of one person; a 409 carries the colliding rows in `issues`. */
export function useMergePeopleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MergePeopleRequest) =>
      apiRequest('/api/admin/people/merge', PersonMergeResponse, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'identity'] }),
  });
}
