import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import type { ApiClientSummary, RegisterClientResponse } from '@edukarte/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../components/states/ActionError.tsx';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { EmptyState } from '../components/states/EmptyState.tsx';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { ClientTable } from '../features/clients/ClientTable.tsx';
import { NewClientSecret } from '../features/clients/NewClientSecret.tsx';
import { RegisterClientForm } from '../features/clients/RegisterClientForm.tsx';
import { sortClients } from '../features/clients/mappers.ts';
import { useClientsQuery, useDisableClientMutation } from '../features/clients/useClientsQuery.ts';

/** `/admin/clients`: 連携アプリ — register learning tools and roster consumers, disable them. */
export function AdminClientsRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('clients.title'));
  if (me.role !== 'admin')
    return (
      <Alert color="orange" variant="light" title={t('clients.adminOnly')} mt="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return <ClientAdmin />;
}

function ClientAdmin() {
  const { t } = useTranslation();
  const clients = useClientsQuery();
  const disable = useDisableClientMutation();
  const [created, setCreated] = useState<RegisterClientResponse | null>(null);
  // the app being disabled stays set while the dialog closes, so its name does not vanish mid-animation
  const [target, setTarget] = useState<ApiClientSummary | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sorted = useMemo(() => sortClients(clients.data?.clients ?? []), [clients.data]);

  const askToDisable = (client: ApiClientSummary) => {
    setTarget(client);
    setConfirming(true);
  };
  const onConfirm = () => {
    if (!target) return;
    disable.mutate(target.id, { onSettled: () => setConfirming(false) });
  };

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('clients.title')}
        </Title>
        <Text c="dimmed">{t('clients.intro')}</Text>
      </div>
      {created ? <NewClientSecret created={created} onDone={() => setCreated(null)} /> : null}
      <RegisterClientForm onCreated={setCreated} />
      <ActionError error={disable.error} />
      {clients.isPending ? (
        <LoadingState />
      ) : clients.isError ? (
        <ErrorState
          error={clients.error}
          messages={{ forbidden: { title: t('clients.adminOnly') } }}
          onRetry={() => void clients.refetch()}
        />
      ) : sorted.length === 0 ? (
        <EmptyState title={t('clients.empty')}>{t('clients.emptyBody')}</EmptyState>
      ) : (
        <ClientTable clients={sorted} onDisable={askToDisable} />
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('clients.disableTitle')}
        centered
      >
        <Stack gap="md">
          <Text>{t('clients.disableConfirm', { name: target?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('clients.cancel')}
            </Button>
            <Button color="red" onClick={onConfirm} loading={disable.isPending}>
              {t('clients.disable')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
