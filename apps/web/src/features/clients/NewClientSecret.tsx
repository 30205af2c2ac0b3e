import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { RegisterClientResponse } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../components/CopyValue.tsx';
import { xapiEndpoint } from './mappers.ts';

/** One of the new client's values, with a copy button named after it (コピー: キー). */
function ClientValue({ value, field }: { value: string; field: 'endpoint' | 'key' | 'secret' }) {
  const { t } = useTranslation();
  return (
    <CopyValue
      value={value}
      label={`${t('common.copy')}: ${t(`clients.${field}`)}`}
      testId={`new-client-${field}`}
    />
  );
}

/** The key and secret of a just-registered application, shown this once, with copy buttons. */
export function NewClientSecret({
  created,
  onDone,
}: {
  created: RegisterClientResponse;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { client, secret } = created;
  return (
    <Alert color="yellow" variant="light" title={t('clients.newTitle', { name: client.name })} role="status">
      <Stack gap="sm">
        <Text size="sm">{t('clients.newBody')}</Text>
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {client.kind === 'xapi' ? (
              <Table.Tr>
                <Table.Th scope="row">{t('clients.endpoint')}</Table.Th>
                <Table.Td>
                  <ClientValue value={xapiEndpoint(window.location.origin)} field="endpoint" />
                </Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr>
              <Table.Th scope="row">{t('clients.key')}</Table.Th>
              <Table.Td>
                <ClientValue value={client.clientKey} field="key" />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('clients.secret')}</Table.Th>
              <Table.Td>
                <ClientValue value={secret} field="secret" />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Group>
          <Button variant="default" onClick={onDone}>
            {t('clients.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
