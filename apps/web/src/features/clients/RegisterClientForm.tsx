import { Alert, Button, Group, Paper, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import type { ClientKind, RegisterClientResponse } from '@edukarte/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useRegisterClientMutation } from './useClientsQuery.ts';

/** Name and kind of a new application; hands the created client (with its secret) to `onCreated`. */
export function RegisterClientForm({ onCreated }: { onCreated: (created: RegisterClientResponse) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ClientKind>('xapi');
  const register = useRegisterClientMutation();
  const nameError =
    isApiError(register.error) && register.error.issues.length > 0
      ? register.error.issues.map((i) => i.message).join(' / ')
      : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(
      { name: name.trim(), kind },
      {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="register-client-title">
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="register-client-title">
            {t('clients.registerTitle')}
          </Title>
          <TextInput
            label={t('clients.name')}
            placeholder={t('clients.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            required
            error={nameError}
            data-testid="client-name"
          />
          <div>
            <SegmentedControl
              value={kind}
              onChange={(v) => setKind(v === 'oneroster' ? 'oneroster' : 'xapi')}
              data={[
                { value: 'xapi', label: t('clients.kinds.xapi') },
                { value: 'oneroster', label: t('clients.kinds.oneroster') },
              ]}
              aria-label={t('clients.kind')}
            />
          </div>
          {register.isError && !nameError ? (
            <Alert color="red" variant="light">
              {register.error.message}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={register.isPending} disabled={name.trim() === ''}>
              {t('clients.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
