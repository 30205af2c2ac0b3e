import { Table } from '@mantine/core';
import type { OneRosterIssue } from '@edukarte/shared';
import { rowLabel } from './mappers.ts';

/** Problems of a package: ファイル, 行, 列, 値, 期待される値 (every one, in package order). */
export function IssueTable({ issues, caption }: { issues: readonly OneRosterIssue[]; caption: string }) {
  return (
    <Table striped withTableBorder aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>ファイル</Table.Th>
          <Table.Th>行</Table.Th>
          <Table.Th>列</Table.Th>
          <Table.Th>値</Table.Th>
          <Table.Th>期待される値</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {issues.map((issue, i) => (
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
  );
}
