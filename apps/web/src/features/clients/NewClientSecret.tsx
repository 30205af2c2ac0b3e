import { Alert, Button, Code, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import type { RegisterClientResponse } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { xapiEndpoint } from './mappers.ts';

function CopyValue({ value, label }: { value: string; label: 'endpoint' | 'key' | 'secret' }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Code style={{ wordBreak: 'break-all' }} data-testid={`new-client-${label}`}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            size="compact-sm"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={`${t('clients.copy')}: ${t(`clients.${label}`)}`}
            style={{ flexShrink: 0 }}
          >
            {copied ? t('clients.copied') : t('clients.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
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
                  <CopyValue value={xapiEndpoint(window.location.origin)} label="endpoint" />
                </Table.Td>
              </Table.Tr>
            ) : null}
            <Table.Tr>
              <Table.Th scope="row">{t('clients.key')}</Table.Th>
              <Table.Td>
                <CopyValue value={client.clientKey} label="key" />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('clients.secret')}</Table.Th>
              <Table.Td>
                <CopyValue value={secret} label="secret" />
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
