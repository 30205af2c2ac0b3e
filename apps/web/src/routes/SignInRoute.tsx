import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../app/LanguageToggle.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { SignInForm } from '../features/auth/SignInForm.tsx';
import { safeNextPath } from '../lib/safeNextPath.ts';
import { useMeQuery } from '../features/auth/useMeQuery.ts';

export function SignInRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMeQuery();
  useDocumentTitle(t('auth.title'));

  // Signed in (already, or just now): go to where the user was heading, or the role's home.
  if (me.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;

  return (
    <Box mih="100vh" bg="gray.0" py="xl" px="md">
      <Group justify="flex-end" maw={440} mx="auto" mb="md">
        <LanguageToggle />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={440} component="main">
          <Stack gap="lg">
            <div>
              <Text fw={800} fz={28} c="teal.8" lh={1.2}>
                {t('app.name')}
              </Text>
              <Text c="dimmed" size="sm">
                {t('app.tagline')}
              </Text>
            </div>
            <Title order={1} size="h3">
              {t('auth.title')}
            </Title>
            <SignInForm />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
