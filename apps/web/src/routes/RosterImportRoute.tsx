import { Alert, Button, Divider, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import {
  rosterHistoryKey,
  startRosterImport,
  useImportJobQuery,
  useRunningImportQuery,
} from '../features/roster-import/api.ts';
import { ImportHistory } from '../features/roster-import/ImportHistory.tsx';
import { ImportProgress } from '../features/roster-import/ImportProgress.tsx';
import { isFinished } from '../features/roster-import/mappers.ts';
import { ReportView } from '../features/roster-import/ReportView.tsx';

/** `/admin/roster-import`: 名簿の取り込み（OneRoster） — check a zip, then import it; the import history. Admins only. */
export function RosterImportRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('rosterImport.title'));
  if (me.role !== 'admin') return <Alert color="gray">{t('rosterImport.adminOnly')}</Alert>;
  return <RosterImport />;
}

function RosterImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const job = useImportJobQuery(jobId);
  const alreadyRunning = useRunningImportQuery();

  useEffect(() => {
    // reopened while an import runs (this admin's or another's): follow it instead of a blank page
    const running = alreadyRunning.data?.running;
    if (running) setJobId((current) => current ?? running.id);
  }, [alreadyRunning.data]);

  const finished = job.data !== undefined && isFinished(job.data);
  const running = uploadPercent !== null || (jobId !== null && !finished && !job.isError);
  const report = finished ? job.data.report : null;

  useEffect(() => {
    // a finished import (or a rejected check) is a new line in the history
    if (finished) void client.invalidateQueries({ queryKey: rosterHistoryKey });
  }, [finished, client]);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    setJobId(null);
    setUploadPercent(0);
    try {
      const started = await startRosterImport(file, dryRun, setUploadPercent);
      setJobId(started.id);
    } catch (error) {
      setFailure(isApiError(error) ? error.message : t('rosterImport.failedUnknown'));
    } finally {
      setUploadPercent(null);
    }
  };

  const jobFailure =
    job.isError && isApiError(job.error)
      ? job.error.message
      : job.data?.phase === 'failed'
        ? t('rosterImport.failedUnknown')
        : null;
  const shownFailure = failure ?? jobFailure;

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('rosterImport.title')}
        </Title>
        <Text c="dimmed">{t('rosterImport.intro')}</Text>
      </div>
      <Group align="end">
        <FileInput
          label={t('rosterImport.fileLabel')}
          placeholder={t('rosterImport.filePlaceholder')}
          accept=".zip,application/zip"
          value={file}
          onChange={(f) => {
            setFile(f);
            setJobId(null);
            setFailure(null);
          }}
          clearable
          disabled={running}
          w={360}
        />
        <Button onClick={() => void send(true)} disabled={!file || running} loading={running && !report}>
          {t('rosterImport.check')}
        </Button>
      </Group>
      {running ? (
        <ImportProgress uploadPercent={uploadPercent} job={job.data && !finished ? job.data : null} />
      ) : null}
      {shownFailure ? (
        <Alert color="red" variant="light" title={t('rosterImport.failedTitle')} role="alert">
          {shownFailure}
        </Alert>
      ) : null}
      {report ? <ReportView report={report} busy={running} onCommit={() => void send(false)} /> : null}
      <Divider />
      <Group justify="space-between" align="center">
        <div>
          <Title order={2} size="h3">
            {t('rosterImport.export.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('rosterImport.export.body')}
          </Text>
        </div>
        <Button component="a" href="/api/admin/oneroster/export" download variant="default">
          {t('rosterImport.export.download')}
        </Button>
      </Group>
      <Divider />
      <ImportHistory />
    </Stack>
  );
}
