import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last-resort screen for a route that threw (e.g. a new deployment replaced a lazy chunk). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Container size="sm" py="xl">
      <Stack role="alert">
        <Title order={1} size="h2">
          {t('errors.unexpected')}
        </Title>
        <Text c="dimmed" size="sm">
          {detail}
        </Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    </Container>
  );
}
