import { Table, Text, Title } from '@mantine/core';
import type { EnrollmentHistoryEntry } from '@edukarte/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate, formatSchoolYearLabel } from '../../lib/format.ts';
import { toHistoryRows } from './mappers.ts';

/** 在籍履歴: every school year of the child, oldest first, with how each began and ended. */
export function EnrollmentHistoryTable({ history }: { history: readonly EnrollmentHistoryEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = useMemo(() => toHistoryRows(history), [history]);

  const movement = (row: EnrollmentHistoryEntry): string => {
    const entry = t(`karte.history.entry.${row.entry}`);
    // A plain 進級 at the year's end is implied by the next row; transfers and graduation are shown.
    if (row.exit === null || row.exit === 'promoted') return entry;
    return t('karte.history.movementWithExit', { entry, exit: t(`karte.history.exit.${row.exit}`) });
  };

  return (
    <>
      <Title order={3} size="h4" mb="xs" id="history-heading">
        {t('karte.history.title')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('karte.history.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="history-heading">
            <Table.Thead className="ek-nowrap">
              <Table.Tr>
                <Table.Th scope="col">{t('karte.history.year')}</Table.Th>
                <Table.Th scope="col">{t('karte.history.school')}</Table.Th>
                <Table.Th scope="col">{t('karte.history.class')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('karte.history.attendanceNo')}
                </Table.Th>
                <Table.Th scope="col">{t('karte.history.period')}</Table.Th>
                <Table.Th scope="col">{t('karte.history.movement')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${String(row.fiscalYear)}-${String(row.classId)}-${row.startDate}`}>
                  <Table.Th scope="row" fw="normal" className="ek-nowrap">
                    {lang === 'ja' ? row.schoolYearTitle : formatSchoolYearLabel(row.fiscalYear, lang)}
                  </Table.Th>
                  <Table.Td>{row.schoolName}</Table.Td>
                  <Table.Td className="ek-nowrap">{row.classLabel}</Table.Td>
                  <Table.Td ta="right">{row.attendanceNo}</Table.Td>
                  <Table.Td>
                    {t('common.period', {
                      start: formatDate(row.startDate, lang),
                      end: formatDate(row.endDate, lang),
                    })}
                  </Table.Td>
                  <Table.Td className="ek-nowrap">{movement(row)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
