import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';

export interface ErrorMessages {
  /** Shown for 403 */
  forbidden?: { title: string; body?: string };
  /** Shown for 404 */
  notFound?: { title: string; body?: string };
}

/**
 * Turns a failed query into a clear message: permission (403) and not-found (404) get the
 * screen's own wording; anything else a generic message, the technical detail, and a retry.
 */
export function ErrorState({
  error,
  messages = {},
  onRetry,
  actions,
}: {
  error: unknown;
  messages?: ErrorMessages;
  onRetry?: () => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : -1;
  const specific = status === 403 ? messages.forbidden : status === 404 ? messages.notFound : undefined;

  if (specific) {
    return (
      <Stack gap="md">
        <Alert color={status === 403 ? 'orange' : 'gray'} title={specific.title} variant="light">
          {specific.body}
        </Alert>
        {actions ? <Group>{actions}</Group> : null}
      </Stack>
    );
  }

  let message: string = t('errors.unexpected');
  if (isApiError(error)) {
    if (error.code === 'invalid_response') message = t('errors.invalidResponse');
    else if (error.status === 0) message = t('errors.network');
    else if (error.status === 403) message = t('errors.forbidden');
    else if (error.status === 404) message = t('errors.notFound');
    else if (error.status >= 500) message = t('errors.server');
    else message = error.message || message;
  }
  const detail = error instanceof Error ? error.message : String(error);

  return (
    <Stack gap="md">
      <Alert color="red" title={t('errors.title')} variant="light">
        <Text size="sm">{message}</Text>
        {detail && detail !== message ? (
          <details>
            <summary>{t('errors.detail')}</summary>
            <Code block mt="xs">
              {detail}
            </Code>
          </details>
        ) : null}
      </Alert>
      <Group>
        {onRetry ? (
          <Button variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
        {actions}
      </Group>
    </Stack>
  );
}
