import { RolloverCommitResponse, RolloverPlanResponse, type RolloverRequest } from '@edukarte/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

/** 年度更新のプレビュー: a POST that writes nothing, so it is a mutation the admin triggers. */
export function useRolloverPreviewMutation() {
  return useMutation({
    mutationFn: (body: RolloverRequest) =>
      apiRequest('/api/admin/rollover/preview', RolloverPlanResponse, { method: 'POST', body }),
  });
}

export function useRolloverCommitMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RolloverRequest) =>
      apiRequest('/api/admin/rollover/commit', RolloverCommitResponse, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
