import type { z } from 'zod';
import { ErrorResponse } from '@edukarte/shared';
import { ApiError } from './client.ts';

/**
 * POSTs a multipart form with XMLHttpRequest so the page can show upload progress (fetch cannot),
 * and validates a 2xx response (200, or 202 for work that goes on) with `schema` like every other API call; other statuses reject
 * with the server's ErrorResponse as an ApiError.
 */
export function uploadForm<T>(
  url: string,
  form: FormData,
  schema: z.ZodType<T>,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
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
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = schema.safeParse(json);
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
