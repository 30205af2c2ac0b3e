import { Alert, Button, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { todayInJapan, type RolloverRequest } from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { useRolloverCommitMutation, useRolloverPreviewMutation } from '../features/rollover/api.ts';
import { defaultTargetYear } from '../features/rollover/mappers.ts';
import { PlanView } from '../features/rollover/PlanView.tsx';

/** `/admin/rollover`: 年度更新 — preview the April rollover, then apply it in one step. */
export function RolloverRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('rollover.title'));
  if (me.role !== 'admin')
    return (
      <Alert color="orange" variant="light" title={t('rollover.adminOnly')} mt="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return <RolloverScreen />;
}

function RolloverScreen() {
  const { t } = useTranslation();
  const [fiscalYear, setFiscalYear] = useState<number>(() => defaultTargetYear(todayInJapan()));
  const [assignment, setAssignment] = useState<'keep' | 'gojuon'>('keep');
  const preview = useRolloverPreviewMutation();
  const commit = useRolloverCommitMutation();
  const request: RolloverRequest = { fiscalYear, classAssignment: assignment };
  const plan = commit.data?.plan ?? preview.data;

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('rollover.title')}
        </Title>
        <Text c="dimmed">{t('rollover.intro')}</Text>
      </div>
      <Group align="flex-end">
        <NumberInput
          label={t('rollover.fiscalYear')}
          value={fiscalYear}
          min={2000}
          max={2100}
          onChange={(v) => {
            if (typeof v === 'number') setFiscalYear(v);
            preview.reset();
            commit.reset();
          }}
          w={140}
        />
        <Select
          label={t('rollover.assignment')}
          value={assignment}
          allowDeselect={false}
          data={[
            { value: 'keep', label: t('rollover.assignments.keep') },
            { value: 'gojuon', label: t('rollover.assignments.gojuon') },
          ]}
          onChange={(v) => {
            if (v === 'keep' || v === 'gojuon') setAssignment(v);
            preview.reset();
            commit.reset();
          }}
          w={260}
        />
        <Button variant="default" onClick={() => preview.mutate(request)} loading={preview.isPending}>
          {t('rollover.preview')}
        </Button>
      </Group>
      {preview.isError ? (
        <Alert color="red" variant="light" role="alert">
          {preview.error.message}
        </Alert>
      ) : null}
      {commit.isError ? (
        <Alert color="red" variant="light" role="alert">
          {commit.error.message}
        </Alert>
      ) : null}
      {commit.data ? (
        <Alert color="teal" variant="light" role="status" title={t('rollover.done')}>
          {t('rollover.doneBody', {
            enrollments: commit.data.created.enrollments,
            classes: commit.data.created.classes,
            graduated: commit.data.created.graduated,
          })}
        </Alert>
      ) : null}
      {plan ? (
        <>
          <PlanView plan={plan} />
          {commit.data ? null : (
            <Group>
              <Button color="teal" onClick={() => commit.mutate(request)} loading={commit.isPending}>
                {t('rollover.commit', { title: plan.title })}
              </Button>
              <Text size="sm" c="dimmed">
                {t('rollover.commitHint')}
              </Text>
            </Group>
          )}
        </>
      ) : (
        <Text c="dimmed">{t('rollover.previewFirst')}</Text>
      )}
    </Stack>
  );
}
