import {
  ImportCommitResponse,
  ImportHistoryResponse,
  ImportPreviewResponse,
  type KoumuImportKind,
} from '@edukarte/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import { uploadForm } from '../../api/upload.ts';

export const historyQueryKey = ['koumu-imports'] as const;
export const HISTORY_PAGE_SIZE = 20;

/** One page of the import history (1-based), newest first; the previous page stays shown while the next loads. */
export function useImportHistoryQuery(page: number) {
  return useQuery({
    queryKey: [...historyQueryKey, page],
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/koumu-imports', ImportHistoryResponse, {
        signal,
        query: { page, pageSize: HISTORY_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export interface UploadRequest {
  file: File;
  kind: KoumuImportKind;
  sourceSystem: string;
  mapping?: Record<string, string>;
}

/** Uploads the file for a preview, reporting upload progress. */
export function uploadImport(request: UploadRequest, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('kind', request.kind);
  form.append('sourceSystem', request.sourceSystem);
  if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
  form.append('file', request.file, request.file.name);
  return uploadForm('/api/admin/koumu-imports', form, ImportPreviewResponse, onProgress);
}

export function useCommitMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: number) =>
      apiRequest(`/api/admin/koumu-imports/${batchId}/commit`, ImportCommitResponse, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: historyQueryKey }),
  });
}
