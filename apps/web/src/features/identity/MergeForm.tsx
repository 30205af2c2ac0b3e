import { Alert, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../components/states/ActionError.tsx';
import { useMergePeopleMutation } from './api.ts';

/** 二重登録の統合: the admin names the record to keep and the one to merge into it. */
export function MergeForm() {
  const { t } = useTranslation();
  const merge = useMergePeopleMutation();
  const [survivorId, setSurvivorId] = useState<number | ''>('');
  const [mergedId, setMergedId] = useState<number | ''>('');
  const ready = survivorId !== '' && mergedId !== '' && survivorId !== mergedId;

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('identity.mergeIntro')}
      </Text>
      <Group align="flex-end">
        <NumberInput
          label={t('identity.survivorId')}
          value={survivorId}
          min={1}
          onChange={(v) => setSurvivorId(typeof v === 'number' ? v : '')}
          w={180}
        />
        <NumberInput
          label={t('identity.mergedId')}
          value={mergedId}
          min={1}
          onChange={(v) => setMergedId(typeof v === 'number' ? v : '')}
          w={180}
        />
        <Button
          color="orange"
          disabled={!ready}
          loading={merge.isPending}
          onClick={() => {
            if (survivorId !== '' && mergedId !== '') merge.mutate({ survivorId, mergedId });
          }}
        >
          {t('identity.mergeButton')}
        </Button>
      </Group>
      <ActionError error={merge.error} />
      {merge.isSuccess ? (
        <Alert color="teal" variant="light" role="status">
          {t('identity.mergeDone', {
            survivor: merge.data.merge.survivor.id,
            merged: merge.data.merge.merged.id,
          })}
        </Alert>
      ) : null}
    </Stack>
  );
}
