import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';

/**
 * For roles whose screens are not built yet. The board sees a clear "coming soon" instead of
 * the 403 the API gives it for child-level data (the board only ever sees de-identified totals).
 */
export function RolePendingNotice({ role }: { role: 'board' | 'student' }) {
  const { t } = useTranslation();
  const title = role === 'board' ? t('home.boardPending') : t('home.studentPending');
  const body = role === 'board' ? t('home.boardPendingBody') : t('home.studentPendingBody');
  useDocumentTitle(title);
  return (
    <Paper withBorder radius="md" p="xl" mt="md">
      <Stack gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
      </Stack>
    </Paper>
  );
}
