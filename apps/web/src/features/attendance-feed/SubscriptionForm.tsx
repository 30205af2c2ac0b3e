import { Alert, Button, Checkbox, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import {
  WEBHOOK_EVENTS,
  type ExportSchool,
  type WebhookSubscriptionCreated,
  type WebhookSubscriptionSummary,
  type WebhookUrlProblem,
} from '@edukarte/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useCreateSubscriptionMutation, useUpdateSubscriptionMutation } from './api.ts';
import {
  EMPTY_FORM,
  eventLabelKey,
  eventsOf,
  formOf,
  toCreateBody,
  toUpdateBody,
  validateSubscriptionForm,
  type SubscriptionFormErrors,
} from './mappers.ts';

const URL_CODES: readonly WebhookUrlProblem[] = [
  'webhook_url_invalid',
  'webhook_url_too_long',
  'webhook_url_insecure',
  'webhook_url_credentials',
];

/**
 * Create (no `editing`) or edit a receiver. Checked as the server checks it before sending; a code the
 * server still returns is shown on its field. Creating hands the new secret to `onCreated`.
 */
export function SubscriptionForm({
  schools,
  editing,
  onCreated,
  onSaved,
  onCancel,
}: {
  schools: readonly ExportSchool[];
  editing: WebhookSubscriptionSummary | null;
  onCreated: (created: WebhookSubscriptionCreated) => void;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => (editing ? formOf(editing) : EMPTY_FORM));
  const [errors, setErrors] = useState<SubscriptionFormErrors>({});
  const create = useCreateSubscriptionMutation();
  const update = useUpdateSubscriptionMutation();
  const mutation = editing ? update : create;
  const serverError = mutation.error;
  const serverUrlCode = isApiError(serverError)
    ? URL_CODES.find((code) => code === serverError.code)
    : undefined;
  const urlError = errors.url ?? serverUrlCode;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateSubscriptionForm(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (editing) {
      const body = toUpdateBody(editing, values);
      if (Object.keys(body).length === 0) return onSaved();
      update.mutate({ id: editing.id, body }, { onSuccess: onSaved });
    } else {
      create.mutate(toCreateBody(values), { onSuccess: onCreated });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('attendanceFeed.form.name')}
          placeholder={t('attendanceFeed.form.namePlaceholder')}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
          error={errors.name ? t('attendanceFeed.form.nameTooLong') : undefined}
          data-autofocus
        />
        <TextInput
          label={t('attendanceFeed.form.url')}
          description={t('attendanceFeed.form.urlHelp')}
          placeholder="https://koumu.example.jp/edukarte"
          value={values.url}
          onChange={(e) => setValues({ ...values, url: e.currentTarget.value })}
          onBlur={() => {
            if (values.url.trim() !== '') setErrors(validateSubscriptionForm(values));
          }}
          error={urlError ? t(`attendanceFeed.urlErrors.${urlError}`) : undefined}
          required
          inputMode="url"
          autoComplete="off"
        />
        <Select
          label={t('attendanceFeed.form.school')}
          data={[
            { value: '', label: t('attendanceFeed.allSchools') },
            ...schools.map((s) => ({ value: String(s.id), label: s.name })),
          ]}
          value={values.schoolId}
          onChange={(v) => setValues({ ...values, schoolId: v ?? '' })}
          allowDeselect={false}
          searchable
        />
        <Checkbox.Group
          label={t('attendanceFeed.form.events')}
          description={t('attendanceFeed.form.eventsHelp')}
          value={[...values.events]}
          onChange={(picked) => setValues({ ...values, events: eventsOf(picked) })}
          error={errors.events ? t('attendanceFeed.form.eventsNone') : undefined}
          required
        >
          <Group gap="lg" mt={6}>
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox
                key={event}
                value={event}
                label={t(`attendanceFeed.events.${eventLabelKey(event) ?? 'attendance'}`)}
              />
            ))}
          </Group>
        </Checkbox.Group>
        {editing ? (
          <Switch
            label={t('attendanceFeed.form.enabled')}
            description={t('attendanceFeed.form.enabledHelp')}
            checked={values.isEnabled}
            onChange={(e) => setValues({ ...values, isEnabled: e.currentTarget.checked })}
          />
        ) : null}
        {serverError && !serverUrlCode ? (
          <Alert color="red" variant="light" role="alert">
            {serverError.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('attendanceFeed.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {editing ? t('attendanceFeed.form.save') : t('attendanceFeed.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
