import { Alert, Button, Code, Group, List, Stack, Text } from '@mantine/core';
import { WEBHOOK_HEADERS, type WebhookSubscriptionCreated } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../components/CopyValue.tsx';
import { verificationExample } from './mappers.ts';

/**
 * The signing secret of a receiver just created or given a new secret, shown this once, with how the
 * 校務 system checks that a delivery came from edukarte.
 */
export function NewSecret({
  created,
  rotated,
  onDone,
}: {
  created: WebhookSubscriptionCreated;
  rotated: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const name = created.name || created.url;
  return (
    <Alert
      color="yellow"
      variant="light"
      role="status"
      title={t(rotated ? 'attendanceFeed.secret.rotatedTitle' : 'attendanceFeed.secret.createdTitle', {
        name,
      })}
    >
      <Stack gap="sm">
        <Text size="sm">{t('attendanceFeed.secret.once')}</Text>
        <CopyValue
          value={created.secret}
          label={t('attendanceFeed.secret.copyLabel')}
          testId="webhook-secret"
        />
        <Text size="sm" fw={700}>
          {t('attendanceFeed.secret.howTitle')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {t('attendanceFeed.secret.howSignature', { header: WEBHOOK_HEADERS.signature })}
          </List.Item>
          <List.Item>
            {t('attendanceFeed.secret.howDelivery', { header: WEBHOOK_HEADERS.delivery })}
          </List.Item>
          <List.Item>{t('attendanceFeed.secret.howEvent', { header: WEBHOOK_HEADERS.event })}</List.Item>
          <List.Item>{t('attendanceFeed.secret.howAnswer')}</List.Item>
        </List>
        <Code block aria-label={t('attendanceFeed.secret.exampleLabel')}>
          {verificationExample(WEBHOOK_HEADERS.signature)}
        </Code>
        <Group>
          <Button variant="default" onClick={onDone}>
            {t('attendanceFeed.secret.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
