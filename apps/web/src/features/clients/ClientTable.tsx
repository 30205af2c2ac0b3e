import { Badge, Button, Code, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApiClientSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/useLang.ts';
import { formatDate } from '../../lib/format.ts';
import { japanDateOf } from './mappers.ts';

/** Registered applications; active ones can be disabled. Rows are already in display order. */
export function ClientTable({
  clients,
  onDisable,
}: {
  clients: readonly ApiClientSummary[];
  onDisable: (client: ApiClientSummary) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>
          <VisuallyHidden>{t('clients.tableCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('clients.name')}</Table.Th>
            <Table.Th scope="col">{t('clients.kind')}</Table.Th>
            <Table.Th scope="col">{t('clients.key')}</Table.Th>
            <Table.Th scope="col">{t('clients.created')}</Table.Th>
            <Table.Th scope="col">{t('clients.status')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('clients.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((c) => (
            <Table.Tr key={c.id} data-testid={`client-row-${String(c.id)}`}>
              <Table.Th scope="row" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {c.name}
              </Table.Th>
              <Table.Td>{t(`clients.kinds.${c.kind}`)}</Table.Td>
              <Table.Td>
                <Code>{c.clientKey}</Code>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(japanDateOf(c.createdAt), lang)}
              </Table.Td>
              <Table.Td>
                {c.disabledAt === null ? (
                  <Badge color="teal" variant="light">
                    {t('clients.active')}
                  </Badge>
                ) : (
                  <Text c="dimmed" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('clients.disabledOn', { date: formatDate(japanDateOf(c.disabledAt), lang) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {c.disabledAt === null ? (
                  <Button
                    variant="light"
                    color="red"
                    size="xs"
                    onClick={() => onDisable(c)}
                    aria-label={t('clients.disableNamed', { name: c.name })}
                  >
                    {t('clients.disable')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
