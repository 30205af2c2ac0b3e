import { Table, Text } from '@mantine/core';
import type { FileIssue } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { MAX_SHOWN_ISSUES, rowLabel } from './file-issues.ts';

/** Problems of an uploaded file or package: ファイル, 行, 列, 値, 期待される値 (in file order). */
export function FileIssueTable({ issues, caption }: { issues: readonly FileIssue[]; caption: string }) {
  const { t } = useTranslation();
  const shown = issues.slice(0, MAX_SHOWN_ISSUES);
  return (
    <div>
      <Table.ScrollContainer minWidth={640} maxHeight={480}>
        <Table striped withTableBorder aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('common.fileIssue.file')}</Table.Th>
              <Table.Th scope="col">{t('common.fileIssue.row')}</Table.Th>
              <Table.Th scope="col">{t('common.fileIssue.column')}</Table.Th>
              <Table.Th scope="col">{t('common.fileIssue.value')}</Table.Th>
              <Table.Th scope="col">{t('common.fileIssue.expected')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((issue, i) => (
              <Table.Tr key={`${issue.file}-${String(issue.row)}-${issue.column}-${String(i)}`}>
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
          {t('common.fileIssue.truncated', { shown: shown.length, total: issues.length })}
        </Text>
      ) : null}
    </div>
  );
}
