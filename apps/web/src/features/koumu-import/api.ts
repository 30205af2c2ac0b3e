import {
  ErrorResponse,
  ImportCommitResponse,
  ImportHistoryResponse,
  ImportPreviewResponse,
  type KoumuImportKind,
} from '@edukarte/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.ts';

export const historyQueryKey = ['koumu-imports'] as const;

export function useImportHistoryQuery() {
  return useQuery({
    queryKey: historyQueryKey,
    queryFn: ({ signal }) => apiRequest('/api/admin/koumu-imports', ImportHistoryResponse, { signal }),
  });
}

export interface UploadRequest {
  file: File;
  kind: KoumuImportKind;
  sourceSystem: string;
  mapping?: Record<string, string>;
}

/** Uploads with XMLHttpRequest so the page can show upload progress (fetch cannot). */
export function uploadImport(request: UploadRequest, onProgress: (percent: number) => void) {
  return new Promise<ImportPreviewResponse>((resolve, reject) => {
    const form = new FormData();
    form.append('kind', request.kind);
    form.append('sourceSystem', request.sourceSystem);
    if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
    form.append('file', request.file, request.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/koumu-imports');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', '通信に失敗しました'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText) as unknown;
      } catch {
        json = undefined;
      }
      if (xhr.status === 200) {
        const parsed = ImportPreviewResponse.safeParse(json);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(200, 'invalid_response', '応答を読み取れませんでした'));
        return;
      }
      const error = ErrorResponse.safeParse(json);
      reject(
        error.success
          ? new ApiError(xhr.status, error.data.error.code, error.data.error.message)
          : new ApiError(xhr.status, 'http_error', `HTTP ${xhr.status}`),
      );
    };
    xhr.send(form);
  });
}

export function useCommitMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: number) =>
      apiRequest(`/api/admin/koumu-imports/${batchId}/commit`, ImportCommitResponse, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: historyQueryKey }),
  });
}
