import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { OneRosterImportBatch } from '@edukarte/shared';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../components/ListPager.tsx';
import { EmptyState } from '../../components/states/EmptyState.tsx';
import { ErrorState } from '../../components/states/ErrorState.tsx';
import { LoadingState } from '../../components/states/LoadingState.tsx';
import { formatJapanTime } from '../koumu-import/mappers.ts';
import { HISTORY_PAGE_SIZE, useRosterHistoryQuery, useRosterImportDetailQuery } from './api.ts';
import { appliedLines, appliedTotals, rowsLine } from './mappers.ts';
import { IssueLists } from './ReportView.tsx';

/** 取り込み履歴: every committed or rejected roster import, newest first, each with its report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const history = useRosterHistoryQuery(page);

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('rosterImport.history.title')}
      </Title>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.total === 0 ? (
        <EmptyState title={t('rosterImport.history.empty')}>{t('rosterImport.history.emptyBody')}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('rosterImport.history.caption')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rosterImport.history.when')}</Table.Th>
                  <Table.Th>{t('rosterImport.history.who')}</Table.Th>
                  <Table.Th>{t('rosterImport.history.file')}</Table.Th>
                  <Table.Th>{t('rosterImport.history.result')}</Table.Th>
                  <Table.Th>{t('rosterImport.history.changes')}</Table.Th>
                  <Table.Th>{t('rosterImport.history.issues')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.batches.map((b) => (
                  <Fragment key={b.id}>
                    <HistoryRow
                      batch={b}
                      open={open === b.id}
                      onToggle={() => setOpen(open === b.id ? null : b.id)}
                    />
                    {open === b.id ? (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <BatchReport batch={b} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPager
            total={history.data.total}
            pageSize={HISTORY_PAGE_SIZE}
            page={page}
            onChange={(p) => {
              setPage(p);
              setOpen(null);
            }}
            label={t('rosterImport.history.pages')}
          />
        </>
      )}
    </Stack>
  );
}

function HistoryRow({
  batch,
  open,
  onToggle,
}: {
  batch: OneRosterImportBatch;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const result =
    batch.status === 'committed'
      ? t('rosterImport.history.committed')
      : batch.dryRun
        ? t('rosterImport.history.checkFailed')
        : t('rosterImport.history.failed');
  const issues = [
    batch.errorCount > 0 ? t('rosterImport.history.errorCount', { count: batch.errorCount }) : null,
    batch.warningCount > 0 ? t('rosterImport.history.warningCount', { count: batch.warningCount }) : null,
  ].filter((s) => s !== null);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatJapanTime(batch.createdAt)}</Table.Td>
      <Table.Td>{batch.via === 'cli' ? t('rosterImport.history.cli') : (batch.createdBy ?? '')}</Table.Td>
      <Table.Td>{batch.fileName ?? ''}</Table.Td>
      <Table.Td>
        <Badge color={batch.status === 'committed' ? 'teal' : 'red'} variant="light">
          {result}
        </Badge>
      </Table.Td>
      <Table.Td>
        {batch.status === 'committed'
          ? t('rosterImport.history.totals', appliedTotals(batch.counts.applied))
          : ''}
      </Table.Td>
      <Table.Td>
        {issues.length > 0 ? issues.join(t('rosterImport.rowsSeparator')) : t('rosterImport.history.none')}
      </Table.Td>
      <Table.Td>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onToggle}
          aria-expanded={open}
          aria-label={`${open ? t('rosterImport.history.hideDetails') : t('rosterImport.history.details')}: ${batch.fileName ?? batch.id}`}
        >
          {open ? t('rosterImport.history.hideDetails') : t('rosterImport.history.details')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The full report of one recorded import (loaded when opened: errors can be long). */
function BatchReport({ batch }: { batch: OneRosterImportBatch }) {
  const { t } = useTranslation();
  const detail = useRosterImportDetailQuery(batch.id);
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const lines = appliedLines(d.counts.applied, t);
  return (
    <Stack gap="xs" aria-label={t('rosterImport.history.detailsOf', { file: d.fileName ?? d.id })}>
      {d.failure ? (
        <Alert color="red" variant="light">
          {t('rosterImport.history.failure', { message: d.failure })}
        </Alert>
      ) : null}
      <Text size="sm">{rowsLine(d.counts.rows, t)}</Text>
      {lines.length > 0 ? (
        <ul style={{ margin: 0 }}>
          {lines.map((l) => (
            <li key={l}>
              <Text size="sm">{l}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {d.errorCount + d.warningCount > 0 ? (
        <Group>
          <Anchor href={`/api/admin/oneroster/imports/${d.id}/issues.csv`} download size="sm">
            {t('rosterImport.downloadIssues')}
          </Anchor>
        </Group>
      ) : null}
      <IssueLists errors={d.errors} warnings={d.warnings} />
    </Stack>
  );
}
