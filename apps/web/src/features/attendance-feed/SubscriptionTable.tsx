import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Menu,
  Stack,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import type { ExportSchool, WebhookSubscriptionSummary } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import {
  eventLabelKey,
  eventsOf,
  japanDateTime,
  lastChangedBy,
  schoolName,
  subscriptionBadge,
  type SubscriptionBadge,
} from './mappers.ts';

const BADGE_COLORS: Record<SubscriptionBadge, string> = { enabled: 'teal', disabled: 'gray', failing: 'red' };

export interface SubscriptionActions {
  onEdit: (s: WebhookSubscriptionSummary) => void;
  onToggle: (s: WebhookSubscriptionSummary, enabled: boolean) => void;
  onTest: (s: WebhookSubscriptionSummary) => void;
  onRotate: (s: WebhookSubscriptionSummary) => void;
  onDelete: (s: WebhookSubscriptionSummary) => void;
  onShowLog: (s: WebhookSubscriptionSummary) => void;
  /** the receiver an action is running for, to show it busy */
  busyId: number | null;
}

/** The municipality's receivers with their state and what can be done to each. */
export function SubscriptionTable({
  subscriptions,
  schools,
  actions,
}: {
  subscriptions: readonly WebhookSubscriptionSummary[];
  schools: readonly ExportSchool[];
  actions: SubscriptionActions;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing="xs" aria-label={t('attendanceFeed.subscriptions.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.receiver')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.school')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.events')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.status')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.lastDelivery')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.updatedBy')}</Table.Th>
            <Table.Th scope="col">{t('attendanceFeed.subscriptions.enabled')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('attendanceFeed.subscriptions.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subscriptions.map((s) => {
            const label = s.name || s.url;
            const badge = subscriptionBadge(s);
            return (
              <Table.Tr key={s.id} data-testid={`subscription-row-${String(s.id)}`}>
                <Table.Th scope="row">
                  <Stack gap={2}>
                    <Text fw={700} size="sm">
                      {s.name || t('attendanceFeed.unnamed')}
                    </Text>
                    <Code style={{ wordBreak: 'break-all' }}>{s.url}</Code>
                  </Stack>
                </Table.Th>
                <Table.Td>{schoolName(schools, s.schoolId) ?? t('attendanceFeed.allSchools')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Stack gap={4} align="flex-start">
                    {eventsOf(s.events).map((event) => (
                      <Badge
                        key={event}
                        variant="outline"
                        color="gray"
                        radius="sm"
                        style={{ minWidth: 'max-content' }}
                      >
                        {t(`attendanceFeed.events.${eventLabelKey(event) ?? 'attendance'}`)}
                      </Badge>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={BADGE_COLORS[badge]} variant="light" style={{ minWidth: 'max-content' }}>
                    {t(`attendanceFeed.badge.${badge}`)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.lastDelivery ? (
                    <Text size="sm">
                      {japanDateTime(s.lastDelivery.createdAt)}{' '}
                      <Text span c="dimmed" size="sm">
                        {t(`attendanceFeed.status.${s.lastDelivery.status}`)}
                      </Text>
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('attendanceFeed.subscriptions.never')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{lastChangedBy(s) ?? t('attendanceFeed.subscriptions.unknownUser')}</Text>
                  <Text size="xs" c="dimmed">
                    {japanDateTime(s.updatedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={s.isEnabled}
                    onChange={(e) => actions.onToggle(s, e.currentTarget.checked)}
                    disabled={actions.busyId === s.id}
                    aria-label={t('attendanceFeed.subscriptions.toggleLabel', { name: label })}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => actions.onTest(s)}
                      disabled={!s.isEnabled}
                      loading={actions.busyId === s.id}
                      aria-label={t('attendanceFeed.subscriptions.testLabel', { name: label })}
                    >
                      {t('attendanceFeed.subscriptions.test')}
                    </Button>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          aria-label={t('attendanceFeed.subscriptions.menuLabel', { name: label })}
                        >
                          …
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => actions.onEdit(s)}>
                          {t('attendanceFeed.subscriptions.edit')}
                        </Menu.Item>
                        <Menu.Item onClick={() => actions.onShowLog(s)}>
                          {t('attendanceFeed.subscriptions.showLog')}
                        </Menu.Item>
                        <Menu.Item onClick={() => actions.onRotate(s)}>
                          {t('attendanceFeed.subscriptions.rotate')}
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" onClick={() => actions.onDelete(s)}>
                          {t('attendanceFeed.subscriptions.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
