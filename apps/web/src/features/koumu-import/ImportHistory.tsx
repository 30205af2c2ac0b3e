import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../components/ListPager.tsx';
import { EmptyState } from '../../components/states/EmptyState.tsx';
import { ErrorState } from '../../components/states/ErrorState.tsx';
import { LoadingState } from '../../components/states/LoadingState.tsx';
import { HISTORY_PAGE_SIZE, useImportHistoryQuery } from './api.ts';
import { HistoryTable } from './HistoryTable.tsx';

/** 取り込み履歴: every 校務 import, newest first, a page at a time. */
export function ImportHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useImportHistoryQuery(page);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('koumuImport.history.title')}
      </Title>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.total === 0 ? (
        <EmptyState title={t('koumuImport.history.empty')} />
      ) : (
        <>
          <HistoryTable batches={history.data.batches} />
          <ListPager
            total={history.data.total}
            pageSize={HISTORY_PAGE_SIZE}
            page={page}
            onChange={setPage}
            label={t('koumuImport.history.pages')}
          />
        </>
      )}
    </Stack>
  );
}
