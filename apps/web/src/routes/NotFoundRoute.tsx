import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';

export function NotFoundRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFound'));
  return (
    <Stack mt="md" align="flex-start">
      <Title order={1} size="h2">
        {t('errors.notFound')}
      </Title>
      <Text c="dimmed">{t('errors.notFoundBody')}</Text>
      <Button component={Link} to="/" variant="default">
        {t('errors.backHome')}
      </Button>
    </Stack>
  );
}
