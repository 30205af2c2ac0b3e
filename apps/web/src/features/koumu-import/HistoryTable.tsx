import { Anchor, Table } from '@mantine/core';
import { KOUMU_IMPORT_KIND_LABELS_JA, type ImportBatchSummary } from '@edukarte/shared';
import { countsLabel, formatJapanTime, statusLabel } from './mappers.ts';

/** 取り込み履歴: who imported what, when, with what result; the problem report per batch. */
export function HistoryTable({ batches }: { batches: readonly ImportBatchSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label="取り込み履歴">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>日時</Table.Th>
            <Table.Th>実行者</Table.Th>
            <Table.Th>データ</Table.Th>
            <Table.Th>ファイル</Table.Th>
            <Table.Th>件数</Table.Th>
            <Table.Th>状態</Table.Th>
            <Table.Th>問題</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatJapanTime(b.createdAt)}</Table.Td>
              <Table.Td>{b.createdBy ?? ''}</Table.Td>
              <Table.Td>{KOUMU_IMPORT_KIND_LABELS_JA[b.kind]}</Table.Td>
              <Table.Td>{b.fileName ?? ''}</Table.Td>
              <Table.Td>{countsLabel(b.counts)}</Table.Td>
              <Table.Td>{statusLabel(b.status)}</Table.Td>
              <Table.Td>
                {b.counts.problems > 0 ? (
                  <Anchor href={`/api/admin/koumu-imports/${b.id}/problems.csv`} download>
                    CSV
                  </Anchor>
                ) : (
                  'なし'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
