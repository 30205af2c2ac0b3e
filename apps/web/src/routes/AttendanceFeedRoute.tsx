import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import type {
  WebhookDeliverySummary,
  WebhookSubscriptionCreated,
  WebhookSubscriptionSummary,
} from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { EmptyState } from '../components/states/EmptyState.tsx';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import {
  useDeleteSubscriptionMutation,
  useExportSchoolsQuery,
  useRotateSecretMutation,
  useSetEnabledMutation,
  useSubscriptionsQuery,
  useTestDeliveryMutation,
  type DeliveryFilter,
} from '../features/attendance-feed/api.ts';
import { DeliveryLog } from '../features/attendance-feed/DeliveryLog.tsx';
import { ExportForm } from '../features/attendance-feed/ExportForm.tsx';
import { NewSecret } from '../features/attendance-feed/NewSecret.tsx';
import { SubscriptionForm } from '../features/attendance-feed/SubscriptionForm.tsx';
import { SubscriptionTable } from '../features/attendance-feed/SubscriptionTable.tsx';

/**
 * `/admin/attendance-feed`: 連携先（出欠の送信）— the 出欠 CSV for the 校務 system, and (admin only) the
 * webhook receivers and their delivery log. Principal and nurse see the CSV export of their school.
 */
export function AttendanceFeedRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('attendanceFeed.title'));
  const canExport = me.role === 'admin' || me.role === 'principal' || me.role === 'nurse';
  if (!canExport)
    return (
      <Alert color="orange" variant="light" title={t('attendanceFeed.forbidden')} mt="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('attendanceFeed.title')}
        </Title>
        <Text c="dimmed">{t('attendanceFeed.intro')}</Text>
      </div>
      <ExportForm />
      {me.role === 'admin' ? <WebhookAdmin /> : null}
    </Stack>
  );
}

type Confirm = { kind: 'delete' | 'rotate'; subscription: WebhookSubscriptionSummary };

function WebhookAdmin() {
  const { t } = useTranslation();
  const subscriptions = useSubscriptionsQuery();
  const schools = useExportSchoolsQuery();
  const setEnabled = useSetEnabledMutation();
  const rotate = useRotateSecretMutation();
  const remove = useDeleteSubscriptionMutation();
  const test = useTestDeliveryMutation();
  const [form, setForm] = useState<{ editing: WebhookSubscriptionSummary | null } | null>(null);
  const [secret, setSecret] = useState<{ created: WebhookSubscriptionCreated; rotated: boolean } | null>(
    null,
  );
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [tested, setTested] = useState<WebhookDeliverySummary | null>(null);
  const [filter, setFilter] = useState<DeliveryFilter>({ subscriptionId: null, status: null, page: 1 });
  const busyId = setEnabled.isPending
    ? (setEnabled.variables?.id ?? null)
    : test.isPending
      ? (test.variables ?? null)
      : null;
  const actionError = [setEnabled, rotate, remove, test].find((m) => m.isError)?.error ?? null;
  const schoolList = schools.data?.schools ?? [];
  const list = subscriptions.data?.subscriptions ?? [];

  const onConfirm = () => {
    if (!confirm) return;
    const id = confirm.subscription.id;
    if (confirm.kind === 'delete')
      remove.mutate(id, {
        onSuccess: () => {
          if (filter.subscriptionId === id) setFilter({ ...filter, subscriptionId: null, page: 1 });
        },
        onSettled: () => setConfirmOpen(false),
      });
    else
      rotate.mutate(id, {
        onSuccess: (created) => setSecret({ created, rotated: true }),
        onSettled: () => setConfirmOpen(false),
      });
  };

  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="feed-subscriptions-title">
        <Stack gap="sm">
          <Group justify="space-between" align="start">
            <div>
              <Title order={2} size="h4" id="feed-subscriptions-title">
                {t('attendanceFeed.subscriptions.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('attendanceFeed.subscriptions.intro')}
              </Text>
            </div>
            <Button onClick={() => setForm({ editing: null })}>
              {t('attendanceFeed.subscriptions.add')}
            </Button>
          </Group>
          {secret ? (
            <NewSecret created={secret.created} rotated={secret.rotated} onDone={() => setSecret(null)} />
          ) : null}
          {tested ? (
            <Alert
              color={tested.status === 'delivered' ? 'teal' : 'red'}
              variant="light"
              role="status"
              withCloseButton
              onClose={() => setTested(null)}
              title={t(
                tested.status === 'delivered' ? 'attendanceFeed.test.ok' : 'attendanceFeed.test.failed',
                {
                  name: tested.subscription.name || tested.subscription.url,
                },
              )}
            >
              {tested.lastError ?? t('attendanceFeed.test.okBody')}
            </Alert>
          ) : null}
          {actionError ? (
            <Alert color="red" variant="light" role="alert">
              {actionError.message}
            </Alert>
          ) : null}
          {subscriptions.isPending ? (
            <LoadingState rows={2} />
          ) : subscriptions.isError ? (
            <ErrorState
              error={subscriptions.error}
              messages={{ forbidden: { title: t('attendanceFeed.adminOnly') } }}
              onRetry={() => void subscriptions.refetch()}
            />
          ) : list.length === 0 ? (
            <EmptyState title={t('attendanceFeed.subscriptions.empty')}>
              {t('attendanceFeed.subscriptions.emptyBody')}
            </EmptyState>
          ) : (
            <SubscriptionTable
              subscriptions={list}
              schools={schoolList}
              actions={{
                busyId,
                onEdit: (s) => setForm({ editing: s }),
                onToggle: (s, enabled) => setEnabled.mutate({ id: s.id, enabled }),
                onTest: (s) => test.mutate(s.id, { onSuccess: setTested }),
                onRotate: (s) => {
                  setConfirm({ kind: 'rotate', subscription: s });
                  setConfirmOpen(true);
                },
                onDelete: (s) => {
                  setConfirm({ kind: 'delete', subscription: s });
                  setConfirmOpen(true);
                },
                onShowLog: (s) => setFilter({ subscriptionId: s.id, status: null, page: 1 }),
              }}
            />
          )}
        </Stack>
      </Paper>
      {subscriptions.isSuccess ? (
        <DeliveryLog filter={filter} onFilter={setFilter} subscriptions={list} schools={schoolList} />
      ) : null}
      <Modal
        opened={form !== null}
        onClose={() => setForm(null)}
        title={t(form?.editing ? 'attendanceFeed.form.editTitle' : 'attendanceFeed.form.createTitle')}
        centered
        size="lg"
      >
        {form ? (
          <SubscriptionForm
            key={form.editing?.id ?? 'new'}
            schools={schoolList}
            editing={form.editing}
            onCancel={() => setForm(null)}
            onSaved={() => setForm(null)}
            onCreated={(created) => {
              setForm(null);
              setSecret({ created, rotated: false });
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={confirmOpen}
        onClose={() => setConfirmOpen(false)}
        title={t(confirm?.kind === 'rotate' ? 'attendanceFeed.rotate.title' : 'attendanceFeed.delete.title')}
        centered
      >
        <Stack gap="md">
          <Text>
            {t(confirm?.kind === 'rotate' ? 'attendanceFeed.rotate.body' : 'attendanceFeed.delete.body', {
              name: confirm ? confirm.subscription.name || confirm.subscription.url : '',
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)}>
              {t('attendanceFeed.cancel')}
            </Button>
            <Button
              color={confirm?.kind === 'rotate' ? 'orange' : 'red'}
              onClick={onConfirm}
              loading={remove.isPending || rotate.isPending}
            >
              {t(
                confirm?.kind === 'rotate'
                  ? 'attendanceFeed.rotate.confirm'
                  : 'attendanceFeed.delete.confirm',
              )}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
