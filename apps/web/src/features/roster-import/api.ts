import {
  OneRosterImportBatchDetail,
  OneRosterImportHistory,
  OneRosterImportJob,
  OneRosterRunningImport,
} from '@edukarte/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import { uploadForm } from '../../api/upload.ts';
import { isFinished } from './mappers.ts';

export const rosterHistoryKey = ['oneroster-imports'] as const;
export const HISTORY_PAGE_SIZE = 10;

/**
 * Uploads a OneRoster zip (reporting upload progress) and starts the import on the server.
 * `dryRun` validates only; otherwise the package is imported all-or-nothing. Resolves with the job to follow.
 */
export function startRosterImport(file: File, dryRun: boolean, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm(
    `/api/admin/oneroster/import-jobs?dryRun=${dryRun ? 'true' : 'false'}`,
    form,
    OneRosterImportJob,
    onProgress,
  );
}

/** The import already running for the municipality (the page was reopened while it ran), once on load. */
export function useRunningImportQuery() {
  return useQuery({
    queryKey: ['oneroster-import-running'],
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/oneroster/import-jobs', OneRosterRunningImport, { signal }),
    staleTime: Infinity,
  });
}

/** Follows a running import: polls its phase and counts until it has finished. */
export function useImportJobQuery(jobId: string | null) {
  return useQuery({
    queryKey: ['oneroster-import-job', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) =>
      apiRequest(`/api/admin/oneroster/import-jobs/${jobId}`, OneRosterImportJob, { signal }),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : 500),
    retry: false,
  });
}

export function useRosterHistoryQuery(page: number) {
  return useQuery({
    queryKey: [...rosterHistoryKey, page],
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/oneroster/imports', OneRosterImportHistory, {
        signal,
        query: { page, pageSize: HISTORY_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRosterImportDetailQuery(batchId: number | null) {
  return useQuery({
    queryKey: [...rosterHistoryKey, 'detail', batchId],
    enabled: batchId !== null,
    queryFn: ({ signal }) =>
      apiRequest(`/api/admin/oneroster/imports/${batchId}`, OneRosterImportBatchDetail, { signal }),
  });
}
