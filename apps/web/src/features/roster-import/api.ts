import { ErrorResponse, OneRosterImportReport } from '@edukarte/shared';
import { ApiError } from '../../api/client.ts';

/**
 * Uploads a OneRoster zip with XMLHttpRequest so the page can show upload progress (fetch cannot).
 * `dryRun` validates only; otherwise the package is imported all-or-nothing.
 */
export function uploadRosterPackage(file: File, dryRun: boolean, onProgress: (percent: number) => void) {
  return new Promise<OneRosterImportReport>((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/admin/oneroster/imports?dryRun=${dryRun ? 'true' : 'false'}`);
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
        const parsed = OneRosterImportReport.safeParse(json);
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
