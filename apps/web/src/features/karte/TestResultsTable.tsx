import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assessmentKindLabel } from '../../i18n/resources.ts';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate, formatPercent } from '../../lib/format.ts';
import type { TestTableRow } from './mappers.ts';

/** The trend chart's data as a readable table (the accessible fallback of the chart). */
export function TestResultsTable({ rows }: { rows: readonly TestTableRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={640} mt="sm">
      <Table striped>
        <Table.Caption>{t('karte.tests.tableCaption')}</Table.Caption>
        <Table.Thead className="ek-nowrap">
          <Table.Tr>
            <Table.Th scope="col">{t('karte.tests.date')}</Table.Th>
            <Table.Th scope="col">{t('karte.tests.subject')}</Table.Th>
            <Table.Th scope="col">{t('karte.tests.testTitle')}</Table.Th>
            <Table.Th scope="col">{t('karte.tests.kind')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('karte.tests.score')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('karte.tests.percent')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.subjectCode}-${String(row.assessmentId)}`}>
              <Table.Td className="ek-nowrap">{formatDate(row.administeredOn, lang)}</Table.Td>
              <Table.Td className="ek-nowrap">{row.subjectName}</Table.Td>
              <Table.Th scope="row" fw="normal">
                {row.title}
              </Table.Th>
              <Table.Td>{assessmentKindLabel(row.kind, lang)}</Table.Td>
              <Table.Td ta="right" className="ek-nowrap">
                {t('karte.tests.scoreOfMax', { score: row.score, max: row.maxScore })}
              </Table.Td>
              <Table.Td ta="right" className="ek-nowrap">
                {t('karte.tests.percentValue', { value: formatPercent(row.percent, lang) })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
