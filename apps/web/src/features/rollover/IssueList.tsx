import { Table } from '@mantine/core';
import type { RolloverIssue } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';

/** Problems of an uploaded 学級編成 file: ファイル, 行, 列, 値, 期待される値. */
export function IssueList({ issues }: { issues: readonly RolloverIssue[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder aria-label={t('rollover.issues')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rollover.issue.file')}</Table.Th>
            <Table.Th scope="col">{t('rollover.issue.row')}</Table.Th>
            <Table.Th scope="col">{t('rollover.issue.column')}</Table.Th>
            <Table.Th scope="col">{t('rollover.issue.value')}</Table.Th>
            <Table.Th scope="col">{t('rollover.issue.expected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, i) => (
            <Table.Tr key={`${String(issue.row)}-${issue.column}-${String(i)}`}>
              <Table.Td>{issue.file}</Table.Td>
              <Table.Td>{issue.row === 0 ? '—' : issue.row}</Table.Td>
              <Table.Td>{issue.column}</Table.Td>
              <Table.Td>{issue.value}</Table.Td>
              <Table.Td>{issue.expected}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
