import { Alert, Button, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { TRANSFER_REASONS, type ClassSummary, type TransferReason } from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../components/states/ActionError.tsx';
import { useClassRosterQuery } from '../classes/useClassRosterQuery.ts';
import { useTransferOutMutation } from './api.ts';
import { enrolledPupils } from './mappers.ts';
import { SchoolClassPicker } from './SchoolClassPicker.tsx';

/** 転出を登録: school → class → pupil, last day, destination, reason. */
export function TransferOutForm({ classes, today }: { classes: readonly ClassSummary[]; today: string }) {
  const { t } = useTranslation();
  const [schoolId, setSchoolId] = useState<number | null>(null);
  const [classId, setClassId] = useState<number | null>(null);
  const [studentId, setStudentId] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const [destination, setDestination] = useState('');
  const [reason, setReason] = useState<TransferReason | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const roster = useClassRosterQuery(classId);
  const pupils = enrolledPupils(roster.data?.students ?? []);
  const mutation = useTransferOutMutation();
  const chosen = pupils.find((p) => p.value === studentId);

  const submit = () => {
    setTried(true);
    if (!studentId || !date) return;
    mutation.mutate(
      {
        studentId: Number(studentId),
        date,
        ...(destination.trim() ? { destination: destination.trim() } : {}),
        ...(reason ? { reason } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => {
          setTried(false);
          setStudentId(null);
          setDestination('');
          setReason(null);
          setNote('');
        },
      },
    );
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="transfer-out-title">
      <Title order={2} size="h3" id="transfer-out-title">
        {t('transfers.outTitle')}
      </Title>
      <SchoolClassPicker
        classes={classes}
        schoolId={schoolId}
        classId={classId}
        onSchool={setSchoolId}
        onClass={(id) => {
          setClassId(id);
          setStudentId(null);
        }}
      />
      <Select
        label={t('transfers.student')}
        placeholder={t('transfers.pickStudent')}
        data={pupils}
        value={studentId}
        onChange={setStudentId}
        disabled={classId === null}
        searchable
        error={tried && !studentId ? t('transfers.chooseStudent') : null}
      />
      <TextInput
        type="date"
        label={t('transfers.outDate')}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={tried && !date ? t('transfers.required') : null}
        w={220}
      />
      <TextInput
        label={t('transfers.destination')}
        placeholder={t('transfers.destinationPlaceholder')}
        value={destination}
        maxLength={100}
        onChange={(e) => setDestination(e.currentTarget.value)}
      />
      <Select
        label={t('transfers.reason')}
        data={TRANSFER_REASONS.map((r) => ({ value: r, label: t(`transfers.reasons.${r}`) }))}
        value={reason}
        onChange={(v) => setReason((v as TransferReason | null) ?? null)}
        clearable
        w={320}
      />
      <Textarea
        label={t('transfers.note')}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ActionError error={mutation.error} />
      {mutation.isSuccess ? (
        <Alert color="teal" variant="light" role="status">
          {t('transfers.outDone', {
            name: chosen?.label ?? mutation.variables.studentId,
            date: mutation.data.enrollment.endDate,
          })}
        </Alert>
      ) : null}
      <div>
        <Button onClick={submit} loading={mutation.isPending} color="orange">
          {t('transfers.submitOut')}
        </Button>
      </div>
    </Stack>
  );
}
