import { Badge, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_TEST_EVENT,
  type ExportSchool,
  type WebhookDeliveryStatus,
  type WebhookDeliverySummary,
  type WebhookSubscriptionSummary,
} from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../components/ListPager.tsx';
import { EmptyState } from '../../components/states/EmptyState.tsx';
import { ErrorState } from '../../components/states/ErrorState.tsx';
import { LoadingState } from '../../components/states/LoadingState.tsx';
import { DELIVERY_PAGE_SIZE, useDeliveriesQuery, type DeliveryFilter } from './api.ts';
import { DELIVERY_STATE_COLORS, deliveryState, japanDateTime, nextRetryOf } from './mappers.ts';

function EventCell({
  delivery,
  schools,
}: {
  delivery: WebhookDeliverySummary;
  schools: readonly ExportSchool[];
}) {
  const { t } = useTranslation();
  if (delivery.event === WEBHOOK_TEST_EVENT) return <>{t('attendanceFeed.log.testEvent')}</>;
  const school = schools.find((s) => s.code === delivery.schoolCode)?.name ?? delivery.schoolCode ?? '';
  return (
    <Stack gap={0}>
      <Text size="sm">
        {t(
          delivery.event === 'health.recorded'
            ? 'attendanceFeed.log.healthEvent'
            : 'attendanceFeed.log.attendanceEvent',
          { date: delivery.date ?? '' },
        )}
      </Text>
      <Text size="xs" c="dimmed">
        {t('attendanceFeed.log.records', { school, count: delivery.records ?? 0 })}
      </Text>
    </Stack>
  );
}

/** Every delivery of the municipality, newest first, filtered by receiver and status, 20 a page. */
export function DeliveryLog({
  filter,
  onFilter,
  subscriptions,
  schools,
}: {
  filter: DeliveryFilter;
  onFilter: (filter: DeliveryFilter) => void;
  subscriptions: readonly WebhookSubscriptionSummary[];
  schools: readonly ExportSchool[];
}) {
  const { t } = useTranslation();
  const log = useDeliveriesQuery(filter);
  const filtered = filter.subscriptionId !== null || filter.status !== null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="feed-log-title">
      <Stack gap="sm">
        <Group justify="space-between" align="end" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="feed-log-title">
              {t('attendanceFeed.log.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('attendanceFeed.log.intro')}
            </Text>
          </div>
          <Group gap="sm" align="end">
            <Select
              label={t('attendanceFeed.log.receiver')}
              data={[
                { value: '', label: t('attendanceFeed.log.allReceivers') },
                ...subscriptions.map((s) => ({ value: String(s.id), label: s.name || s.url })),
              ]}
              value={filter.subscriptionId === null ? '' : String(filter.subscriptionId)}
              onChange={(v) => onFilter({ ...filter, subscriptionId: v ? Number(v) : null, page: 1 })}
              allowDeselect={false}
              w={220}
            />
            <Select
              label={t('attendanceFeed.log.status')}
              data={[
                { value: '', label: t('attendanceFeed.log.allStatuses') },
                ...WEBHOOK_DELIVERY_STATUSES.map((s) => ({
                  value: s,
                  label: t(`attendanceFeed.status.${s}`),
                })),
              ]}
              value={filter.status ?? ''}
              onChange={(v) =>
                onFilter({
                  ...filter,
                  status: WEBHOOK_DELIVERY_STATUSES.find((s): s is WebhookDeliveryStatus => s === v) ?? null,
                  page: 1,
                })
              }
              allowDeselect={false}
              w={160}
            />
          </Group>
        </Group>
        {log.isPending ? (
          <LoadingState rows={3} />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : log.data.deliveries.length === 0 ? (
          <EmptyState title={t(filtered ? 'attendanceFeed.log.emptyFiltered' : 'attendanceFeed.log.empty')}>
            {filtered ? null : t('attendanceFeed.log.emptyBody')}
          </EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={820}>
              <Table striped verticalSpacing="xs" aria-label={t('attendanceFeed.log.caption')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('attendanceFeed.log.created')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.receiver')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.event')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.status')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.attempts')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.nextRetry')}</Table.Th>
                    <Table.Th scope="col">{t('attendanceFeed.log.lastError')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.deliveries.map((d) => {
                    const state = deliveryState(d);
                    const next = nextRetryOf(d);
                    return (
                      <Table.Tr key={d.id} data-testid={`delivery-row-${String(d.id)}`}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{japanDateTime(d.createdAt)}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{d.subscription.name || d.subscription.url}</Text>
                          {d.subscription.isDeleted ? (
                            <Text size="xs" c="dimmed">
                              {t('attendanceFeed.log.deletedReceiver')}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <EventCell delivery={d} schools={schools} />
                        </Table.Td>
                        <Table.Td>
                          <Badge color={DELIVERY_STATE_COLORS[state]} variant="light">
                            {t(`attendanceFeed.state.${state}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{d.attempts}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {next ? japanDateTime(next) : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Text
                            size="sm"
                            c={d.lastError ? 'red.8' : 'dimmed'}
                            style={{ wordBreak: 'break-word' }}
                          >
                            {d.lastError ?? '—'}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('attendanceFeed.log.total', { count: log.data.total })}
              </Text>
              <ListPager
                total={log.data.total}
                pageSize={DELIVERY_PAGE_SIZE}
                page={filter.page}
                onChange={(page) => onFilter({ ...filter, page })}
                label={t('attendanceFeed.log.pages')}
              />
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
