import { Table, Text } from '@mantine/core';
import type { OneRosterIssue } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { rowLabel } from './mappers.ts';

/** A long list is cut here: the rest is in the CSV download (a page with 100,000 rows would freeze). */
export const MAX_SHOWN_ISSUES = 500;

/** Problems of a package: ファイル, 行, 列, 値, 期待される値 (in package order). */
export function IssueTable({ issues, caption }: { issues: readonly OneRosterIssue[]; caption: string }) {
  const { t } = useTranslation();
  const shown = issues.slice(0, MAX_SHOWN_ISSUES);
  return (
    <div>
      <Table.ScrollContainer minWidth={640} maxHeight={480}>
        <Table striped withTableBorder aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rosterImport.issue.file')}</Table.Th>
              <Table.Th>{t('rosterImport.issue.row')}</Table.Th>
              <Table.Th>{t('rosterImport.issue.column')}</Table.Th>
              <Table.Th>{t('rosterImport.issue.value')}</Table.Th>
              <Table.Th>{t('rosterImport.issue.expected')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((issue, i) => (
              <Table.Tr key={`${issue.file}-${issue.row}-${issue.column}-${i}`}>
                <Table.Td>{issue.file}</Table.Td>
                <Table.Td>{rowLabel(issue.row)}</Table.Td>
                <Table.Td>{issue.column}</Table.Td>
                <Table.Td>{issue.value}</Table.Td>
                <Table.Td>{issue.expected}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {issues.length > shown.length ? (
        <Text size="sm" c="dimmed">
          {t('rosterImport.issuesTruncated', { shown: shown.length, total: issues.length })}
        </Text>
      ) : null}
    </div>
  );
}
