import { Anchor, Table, Text } from '@mantine/core';
import type { ImportPreviewResponse } from '@edukarte/shared';
import { columnLabel, previewColumns } from './mappers.ts';

/** Step 4: the first rows as they will be stored, and every problem found (行, 列, 値, 期待される値). */
export function PreviewTables({ result }: { result: ImportPreviewResponse }) {
  const columns = previewColumns(result.preview);
  return (
    <div>
      {result.problems.length > 0 ? (
        <>
          <Text fw={600} c="red.8" mt="md">
            問題が {result.problems.length} 件あります。ファイルを直してもう一度アップロードしてください。{' '}
            <Anchor href={`/api/admin/koumu-imports/${result.batch.id}/problems.csv`} download>
              問題一覧（CSV）
            </Anchor>
          </Text>
          <Table.ScrollContainer minWidth={480} maxHeight={320}>
            <Table striped aria-label="問題一覧">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>行</Table.Th>
                  <Table.Th>列</Table.Th>
                  <Table.Th>値</Table.Th>
                  <Table.Th>期待される値</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.problems.slice(0, 500).map((p, i) => (
                  <Table.Tr key={`${p.row}-${p.column}-${i}`}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column}</Table.Td>
                    <Table.Td>{p.value}</Table.Td>
                    <Table.Td>{p.expected}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      <Text fw={600} mt="md">
        取り込み内容（先頭 {result.preview.length} 行 / 全 {result.batch.counts.valid} 行）
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label="取り込み内容">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>行</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c}>{columnLabel(c)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.preview.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c}>{row.values[c]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
