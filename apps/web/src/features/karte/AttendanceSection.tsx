import { Group, Loader, NativeSelect, Table, Text } from '@mantine/core';
import type { AttendanceSummary } from '@edukarte/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate, formatSchoolYearLabel } from '../../lib/format.ts';
import { KarteSection } from './KarteSection.tsx';
import { toAttendanceRows, type AttendanceRow, type SchoolYearOption } from './mappers.ts';

/**
 * 出欠の記録 as 指導要録 prints it, for the chosen 年度, counted up to `asOf`.
 * Changing the 年度 reloads the karte for that year (the URL keeps ?fiscalYear=).
 */
export function AttendanceSection({
  summary,
  yearOptions,
  onYearChange,
  isUpdating,
}: {
  summary: AttendanceSummary;
  yearOptions: readonly SchoolYearOption[];
  onYearChange: (fiscalYear: number) => void;
  isUpdating: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = useMemo(() => toAttendanceRows(summary), [summary]);
  const yearLabel =
    lang === 'ja' ? summary.schoolYear.title : formatSchoolYearLabel(summary.schoolYear.fiscalYear, lang);

  const value = (row: AttendanceRow): string =>
    row.unit === 'days' ? t('common.days', { count: row.value }) : t('common.times', { count: row.value });

  const yearSelect = (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      {isUpdating ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      <NativeSelect
        label={t('karte.attendance.yearSelect')}
        data={yearOptions.map((o) => ({ value: o.value, label: o.label }))}
        value={String(summary.schoolYear.fiscalYear)}
        onChange={(e) => onYearChange(Number(e.currentTarget.value))}
        w={180}
        className="ek-no-print"
      />
    </Group>
  );

  return (
    <KarteSection id="attendance" title={t('karte.attendance.title')} aside={yearSelect} busy={isUpdating}>
      <Text c="dimmed" mb="sm" data-testid="attendance-as-of">
        {t('karte.attendance.asOf', { year: yearLabel, date: formatDate(summary.asOf, lang) })}
      </Text>
      <Table withTableBorder withColumnBorders layout="fixed" maw={560}>
        <Table.Caption className="ek-print-only">
          {t('karte.attendance.tableCaption', { year: yearLabel })}
        </Table.Caption>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.figure} data-testid={`attendance-${row.figure}`}>
              <Table.Th scope="row" w="60%" bg="gray.0">
                {t(`karte.attendance.${row.figure}`)}
              </Table.Th>
              <Table.Td ta="right">
                <Text span fw={700} ff="monospace">
                  {value(row)}
                </Text>
                {row.breakdown ? (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {t('karte.attendance.absentBreakdown', row.breakdown)}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </KarteSection>
  );
}
