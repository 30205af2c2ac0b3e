import { Badge, Button, Table, Text } from '@mantine/core';
import type { PersonMergeSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate } from '../../lib/format.ts';
import { japanDateOf } from '../clients/mappers.ts';
import { movedTotal } from './mappers.ts';

/** 統合の履歴, newest first, each with 元に戻す while it is in force. */
export function MergeHistory({
  merges,
  busyId,
  onUndo,
}: {
  merges: readonly PersonMergeSummary[];
  busyId: number | null;
  onUndo: (merge: PersonMergeSummary) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('identity.mergedAt')}</Table.Th>
            <Table.Th scope="col">{t('identity.survivor')}</Table.Th>
            <Table.Th scope="col">{t('identity.merged')}</Table.Th>
            <Table.Th scope="col">{t('identity.movedRows')}</Table.Th>
            <Table.Th scope="col">{t('identity.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {merges.map((m) => (
            <Table.Tr key={m.id} data-testid={`merge-${String(m.id)}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(japanDateOf(m.mergedAt), lang)}
              </Table.Td>
              <Table.Td>
                {m.survivor.familyName} {m.survivor.givenName}（ID {m.survivor.id}）
              </Table.Td>
              <Table.Td>
                {m.merged.familyName} {m.merged.givenName}（ID {m.merged.id}）
              </Table.Td>
              <Table.Td>{movedTotal(m.moved)}</Table.Td>
              <Table.Td>
                {m.undoneAt === null ? (
                  <Button
                    size="xs"
                    variant="light"
                    color="orange"
                    loading={busyId === m.id}
                    onClick={() => onUndo(m)}
                  >
                    {t('identity.undo')}
                  </Button>
                ) : (
                  <Badge color="gray" variant="light">
                    <Text span size="xs">
                      {t('identity.undone')}
                    </Text>
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
