import { Progress, Stack, Text } from '@mantine/core';
import type { OneRosterImportJob } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { appliedLines, jobPercent, jobStepLabel } from './mappers.ts';

/**
 * Where an import is: the upload first (bytes sent), then the server's work (reading, checking each
 * file, writing each kind), so a long import never looks frozen. Announced politely to screen readers.
 */
export function ImportProgress({
  uploadPercent,
  job,
}: {
  uploadPercent: number | null;
  job: OneRosterImportJob | null;
}) {
  const { t } = useTranslation();
  const uploading = uploadPercent !== null && uploadPercent < 100 && job === null;
  const value = uploading ? uploadPercent : job ? jobPercent(job) : 100;
  const label = uploading
    ? t('rosterImport.uploading', { percent: uploadPercent })
    : job
      ? jobStepLabel(job, t)
      : t('rosterImport.uploaded');
  const written = job?.phase === 'applying' ? appliedLines(job.applied, t) : [];
  return (
    <Stack gap={4}>
      <Progress
        value={value}
        animated={!uploading}
        aria-label={t('rosterImport.progressLabel')}
        aria-valuetext={label}
      />
      <Text size="sm" aria-live="polite">
        {label}
      </Text>
      {written.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t('rosterImport.writtenSoFar', { lines: written.join(' / ') })}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('rosterImport.keepOpen')}
      </Text>
    </Stack>
  );
}
