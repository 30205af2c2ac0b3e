import {
  RolloverAssignmentUploadResponse,
  RolloverCommitResponse,
  RolloverPlanResponse,
  type RolloverRequest,
} from '@edukarte/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.ts';
import { uploadForm } from '../../api/upload.ts';
import { ErrorResponse } from '@edukarte/shared';

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

/** Downloads the 学級編成 file of the plan `body` describes (a POST, so through a blob link). */
export async function downloadAssignmentFile(body: RolloverRequest, format: 'csv' | 'xlsx'): Promise<void> {
  const response = await fetch(`/api/admin/rollover/assignments/export?format=${format}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: '*/*' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const parsed = ErrorResponse.safeParse(await response.json().catch(() => undefined));
    throw parsed.success
      ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new ApiError(response.status, 'http_error', `HTTP ${String(response.status)}`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `gakkyu-hensei-${String(body.fiscalYear)}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Uploads an edited 学級編成 file; the answer holds the assignments or every problem. */
export function uploadAssignmentFile(
  file: File,
  options: Pick<RolloverRequest, 'fiscalYear' | 'juniorHighMapping' | 'juniorHighOverrides'>,
  onProgress: (percent: number) => void,
) {
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', file, file.name);
  return uploadForm('/api/admin/rollover/assignments', form, RolloverAssignmentUploadResponse, onProgress);
}
