import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate } from '../../lib/format.ts';
import type { RosterRow } from './mappers.ts';

/**
 * The class roster (名簿). Each name links to the child's karte for the roster's school year;
 * the link's accessible name is exactly the full name (佐藤 陽菜).
 */
export function RosterTable({
  rows,
  caption,
  fiscalYear,
}: {
  rows: readonly RosterRow[];
  caption: string;
  fiscalYear: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped highlightOnHover verticalSpacing={2}>
        <Table.Caption className="ek-print-only">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={96} ta="right">
              {t('class.attendanceNo')}
            </Table.Th>
            <Table.Th scope="col">{t('class.name')}</Table.Th>
            <Table.Th scope="col">{t('class.kana')}</Table.Th>
            <Table.Th scope="col">{t('class.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const fullName = t('person.fullName', { family: row.familyName, given: row.givenName });
            const kana = t('person.fullName', { family: row.familyNameKana, given: row.givenNameKana });
            return (
              <Table.Tr
                key={row.studentId}
                data-testid={`roster-row-${String(row.studentId)}`}
                style={row.status === 'transferred_out' ? { opacity: 0.7 } : undefined}
              >
                <Table.Td ta="right" ff="monospace">
                  {row.attendanceNo}
                </Table.Td>
                <Table.Th scope="row" fw="normal">
                  <Anchor
                    component={Link}
                    to={`/students/${String(row.studentId)}?fiscalYear=${String(fiscalYear)}`}
                    fw={700}
                    className="ek-touch"
                  >
                    {fullName}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  <span className="ek-kana">{kana}</span>
                </Table.Td>
                <Table.Td>
                  {row.status === 'enrolled' || row.statusDate === null ? null : (
                    <Group gap={6} wrap="nowrap">
                      <Badge color={row.status === 'transferred_in' ? 'blue' : 'gray'} variant="light">
                        {row.status === 'transferred_in'
                          ? t('class.transferredIn')
                          : t('class.transferredOut')}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {row.status === 'transferred_in'
                          ? t('class.transferredInOn', { date: formatDate(row.statusDate, lang) })
                          : t('class.transferredOutOn', { date: formatDate(row.statusDate, lang) })}
                      </Text>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
