import { Alert, Divider, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { todayInJapan } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { useClassesQuery } from '../features/classes/useClassesQuery.ts';
import { TransferInForm } from '../features/transfers/TransferInForm.tsx';
import { TransferList } from '../features/transfers/TransferList.tsx';
import { TransferOutForm } from '../features/transfers/TransferOutForm.tsx';

/** `/admin/transfers`: 転入・転出 — record a transfer out or in, and see the recent ones. */
export function TransfersRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('transfers.title'));
  if (me.role !== 'admin')
    return (
      <Alert color="orange" variant="light" title={t('transfers.adminOnly')} mt="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return <TransfersScreen />;
}

function TransfersScreen() {
  const { t } = useTranslation();
  const classes = useClassesQuery();
  const today = todayInJapan();
  return (
    <Stack gap="lg" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('transfers.title')}
        </Title>
        <Text c="dimmed">{t('transfers.intro')}</Text>
      </div>
      {classes.isPending ? (
        <LoadingState />
      ) : classes.isError ? (
        <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <TransferOutForm classes={classes.data.classes} today={today} />
          <TransferInForm classes={classes.data.classes} today={today} />
        </SimpleGrid>
      )}
      <Divider />
      <TransferList />
    </Stack>
  );
}
