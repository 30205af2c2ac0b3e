import { Anchor, Table, Text } from '@mantine/core';
import type { ImportPreviewResponse, KoumuImportKind } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { fieldLabel, placeLabel, previewCell, previewColumns } from './mappers.ts';

const MAX_SHOWN_PROBLEMS = 500;

/** Step 4: the first rows as they will be stored (pupils by name, codes as labels), and every problem. */
export function PreviewTables({ kind, result }: { kind: KoumuImportKind; result: ImportPreviewResponse }) {
  const { t } = useTranslation();
  const columns = previewColumns(kind, result.preview);
  return (
    <div>
      {result.problems.length > 0 ? (
        <>
          <Text fw={600} c="red.8" mt="md">
            {t('koumuImport.problemsTitle', { count: result.problems.length })}{' '}
            <Anchor href={`/api/admin/koumu-imports/${result.batch.id}/problems.csv`} download>
              {t('koumuImport.problemsCsv')}
            </Anchor>
          </Text>
          <Table.ScrollContainer minWidth={480} maxHeight={320}>
            <Table striped aria-label={t('koumuImport.problemsCaption')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('koumuImport.column.row')}</Table.Th>
                  <Table.Th>{t('koumuImport.column.column')}</Table.Th>
                  <Table.Th>{t('koumuImport.column.value')}</Table.Th>
                  <Table.Th>{t('koumuImport.column.expected')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.problems.slice(0, MAX_SHOWN_PROBLEMS).map((p, i) => (
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
          {result.problems.length > MAX_SHOWN_PROBLEMS ? (
            <Text size="sm" c="dimmed">
              {t('koumuImport.problemsTruncated', { shown: MAX_SHOWN_PROBLEMS })}
            </Text>
          ) : null}
        </>
      ) : null}
      <Text fw={600} mt="md">
        {t('koumuImport.previewTitle', { shown: result.preview.length, total: result.batch.counts.valid })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={t('koumuImport.previewCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('koumuImport.column.row')}</Table.Th>
              <Table.Th>{t('koumuImport.studentName')}</Table.Th>
              <Table.Th>{t('koumuImport.studentPlace')}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c}>{fieldLabel(kind, c, t)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.preview.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{row.student.name}</Text>
                  <Text size="xs" c="dimmed">
                    {row.student.kana}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{placeLabel(row.student, t)}</Text>
                  <Text size="xs" c="dimmed">
                    {row.student.schoolName}
                  </Text>
                </Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c}>{previewCell(c, row.values[c] ?? '', t)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
