import { Alert, Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import type { OneRosterImportReport } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FileIssueTable } from '../../components/FileIssueTable.tsx';
import { appliedLines, rowsLine } from './mappers.ts';

/** The report of one check or import: what changed, or every problem by file, row and column. */
export function ReportView({
  report,
  busy,
  onCommit,
}: {
  report: OneRosterImportReport;
  busy: boolean;
  onCommit: () => void;
}) {
  const { t } = useTranslation();
  const changed = appliedLines(report.counts.applied, t, { changedOnly: true });
  return (
    <Stack gap="sm">
      {report.committed ? (
        <Alert color="teal" variant="light" title={t('rosterImport.doneTitle')}>
          <List size="sm">
            {changed.length > 0 ? (
              changed.map((l) => <List.Item key={l}>{l}</List.Item>)
            ) : (
              <List.Item>{t('rosterImport.noChanges')}</List.Item>
            )}
          </List>
          <Anchor component={Link} to="/classes" mt="xs" display="inline-block">
            {t('rosterImport.openClasses')}
          </Anchor>
        </Alert>
      ) : report.ok ? (
        <Alert
          color="blue"
          variant="light"
          title={t('rosterImport.okTitle', { version: report.version ?? '' })}
        >
          <Text size="sm">{rowsLine(report.counts.rows, t)}</Text>
          <List size="sm">
            {appliedLines(report.counts.applied, t).map((l) => (
              <List.Item key={l}>{l}</List.Item>
            ))}
          </List>
          <Button mt="sm" onClick={onCommit} loading={busy}>
            {t('rosterImport.commit')}
          </Button>
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          title={t('rosterImport.errorsTitle', { count: report.errors.length })}
        >
          <Text size="sm">{rowsLine(report.counts.rows, t)}</Text>
          {report.batchId !== undefined ? (
            <Anchor href={`/api/admin/oneroster/imports/${report.batchId}/issues.csv`} download size="sm">
              {t('rosterImport.downloadIssues')}
            </Anchor>
          ) : null}
        </Alert>
      )}
      <IssueLists errors={report.errors} warnings={report.warnings} />
    </Stack>
  );
}

/** The errors table, then the warnings under their own heading. */
export function IssueLists({
  errors,
  warnings,
}: {
  errors: OneRosterImportReport['errors'];
  warnings: OneRosterImportReport['warnings'];
}) {
  const { t } = useTranslation();
  return (
    <>
      {errors.length > 0 ? (
        <FileIssueTable issues={errors} caption={t('rosterImport.errorsCaption')} />
      ) : null}
      {warnings.length > 0 ? (
        <div>
          <Title order={3} size="h5">
            {t('rosterImport.warningsTitle', { count: warnings.length })}
          </Title>
          <FileIssueTable issues={warnings} caption={t('rosterImport.warningsCaption')} />
        </div>
      ) : null}
    </>
  );
}
