import { Anchor, Table } from '@mantine/core';
import type { ImportBatchSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { countsLabel, formatJapanTime } from './mappers.ts';

/** 取り込み履歴: who imported what, when, with what result; the problem report per batch. */
export function HistoryTable({ batches }: { batches: readonly ImportBatchSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={t('koumuImport.history.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('koumuImport.history.when')}</Table.Th>
            <Table.Th>{t('koumuImport.history.who')}</Table.Th>
            <Table.Th>{t('koumuImport.history.kind')}</Table.Th>
            <Table.Th>{t('koumuImport.history.file')}</Table.Th>
            <Table.Th>{t('koumuImport.history.counts')}</Table.Th>
            <Table.Th>{t('koumuImport.history.status')}</Table.Th>
            <Table.Th>{t('koumuImport.history.problems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatJapanTime(b.createdAt)}</Table.Td>
              <Table.Td>{b.createdBy ?? ''}</Table.Td>
              <Table.Td>{t(`koumuKind.${b.kind}`)}</Table.Td>
              <Table.Td>{b.fileName ?? ''}</Table.Td>
              <Table.Td>{countsLabel(b.counts, t)}</Table.Td>
              <Table.Td>
                {b.status === 'previewed' && b.counts.problems > 0
                  ? t('koumuImport.status.withProblems')
                  : t(`koumuImport.status.${b.status}`)}
              </Table.Td>
              <Table.Td>
                {b.counts.problems > 0 ? (
                  <Anchor href={`/api/admin/koumu-imports/${b.id}/problems.csv`} download>
                    {t('koumuImport.history.csv')}
                  </Anchor>
                ) : (
                  t('koumuImport.history.none')
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
