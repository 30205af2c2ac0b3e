import { Badge, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../components/ListPager.tsx';
import { EmptyState } from '../../components/states/EmptyState.tsx';
import { ErrorState } from '../../components/states/ErrorState.tsx';
import { LoadingState } from '../../components/states/LoadingState.tsx';
import { useTransfersQuery } from './api.ts';

/** 最近の転入・転出, newest first, 20 per page. */
export function TransferList() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [direction, setDirection] = useState<'all' | 'in' | 'out'>('all');
  const query = useTransfersQuery(page, direction === 'all' ? undefined : direction);
  return (
    <Stack gap="sm" component="section" aria-labelledby="transfer-list-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="transfer-list-title">
          {t('transfers.listTitle')}
        </Title>
        <SegmentedControl
          aria-label={t('transfers.direction')}
          value={direction}
          onChange={(v) => {
            setDirection(v === 'in' || v === 'out' ? v : 'all');
            setPage(1);
          }}
          data={[
            { value: 'all', label: t('transfers.all') },
            { value: 'out', label: t('transfers.directions.out') },
            { value: 'in', label: t('transfers.directions.in') },
          ]}
        />
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.transfers.length === 0 ? (
        <EmptyState title={t('transfers.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped withTableBorder verticalSpacing="xs" aria-label={t('transfers.listCaption')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('transfers.date')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.direction')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.name')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.schoolClass')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.otherSchool')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.reason')}</Table.Th>
                  <Table.Th scope="col">{t('transfers.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.transfers.map((x) => (
                  <Table.Tr key={`${x.direction}-${String(x.enrollmentId)}`}>
                    <Table.Td>{x.date}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={x.direction === 'out' ? 'orange' : 'teal'}>
                        {t(`transfers.directions.${x.direction}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{x.name}</Table.Td>
                    <Table.Td>
                      {x.schoolName} {x.classLabel}
                    </Table.Td>
                    <Table.Td>{x.otherSchool ?? '—'}</Table.Td>
                    <Table.Td>{x.reason ? t(`transfers.reasons.${x.reason}`) : '—'}</Table.Td>
                    <Table.Td>{x.note ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('transfers.total', { count: query.data.total })}
            </Text>
            <ListPager
              total={query.data.total}
              pageSize={query.data.pageSize}
              page={page}
              onChange={setPage}
              label={t('transfers.pages')}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}
