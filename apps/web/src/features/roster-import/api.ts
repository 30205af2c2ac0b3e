import { OneRosterImportReport } from '@edukarte/shared';
import { uploadForm } from '../../api/upload.ts';

/**
 * Uploads a OneRoster zip, reporting upload progress.
 * `dryRun` validates only; otherwise the package is imported all-or-nothing.
 */
export function uploadRosterPackage(file: File, dryRun: boolean, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm(
    `/api/admin/oneroster/imports?dryRun=${dryRun ? 'true' : 'false'}`,
    form,
    OneRosterImportReport,
    onProgress,
  );
}
