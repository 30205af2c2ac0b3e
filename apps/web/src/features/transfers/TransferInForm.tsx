import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { ClassSummary } from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../components/states/ActionError.tsx';
import { useClassRosterQuery } from '../classes/useClassRosterQuery.ts';
import { useStudentSearchQuery, useTransferInMutation } from './api.ts';
import { isKatakana, nextAttendanceNo, toKatakana } from './mappers.ts';
import { SchoolClassPicker } from './SchoolClassPicker.tsx';

type Sex = 'male' | 'female' | 'unspecified';

/** 転入を登録: a child known in the municipality (search) or a new child; class, first day, 出席番号. */
export function TransferInForm({ classes, today }: { classes: readonly ClassSummary[]; today: string }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<'known' | 'new'>('known');
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [studentId, setStudentId] = useState<string | null>(null);
  const [person, setPerson] = useState({
    familyName: '',
    givenName: '',
    familyNameKana: '',
    givenNameKana: '',
    birthDate: '',
    sex: 'unspecified' as Sex,
  });
  const [origin, setOrigin] = useState('');
  const [schoolId, setSchoolId] = useState<number | null>(null);
  const [classId, setClassId] = useState<number | null>(null);
  const [date, setDate] = useState(today);
  const [attendanceNo, setAttendanceNo] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const search = useStudentSearchQuery(query);
  const roster = useClassRosterQuery(classId);
  const mutation = useTransferInMutation();
  const next = nextAttendanceNo(roster.data?.students ?? []);

  const kanaError = (v: string) =>
    !tried
      ? null
      : v.trim() === ''
        ? t('transfers.required')
        : isKatakana(toKatakana(v))
          ? null
          : t('transfers.kanaOnly');
  const personErrors = {
    familyName: tried && person.familyName.trim() === '' ? t('transfers.required') : null,
    givenName: tried && person.givenName.trim() === '' ? t('transfers.required') : null,
    familyNameKana: kanaError(person.familyNameKana),
    givenNameKana: kanaError(person.givenNameKana),
  };
  const set = (key: keyof typeof person) => (e: { currentTarget: { value: string } }) =>
    setPerson({ ...person, [key]: e.currentTarget.value });

  const submit = () => {
    setTried(true);
    if (!schoolId || !classId || !date) return;
    if (who === 'known' && !studentId) return;
    if (who === 'new' && Object.values(personErrors).some((e) => e !== null)) return;
    if (
      who === 'new' &&
      [person.familyName, person.givenName, person.familyNameKana, person.givenNameKana].some(
        (v) => v.trim() === '',
      )
    )
      return;
    mutation.mutate(
      {
        schoolId,
        classId,
        date,
        ...(typeof attendanceNo === 'number' ? { attendanceNo } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(who === 'known'
          ? { studentId: Number(studentId) }
          : {
              person: {
                familyName: person.familyName.trim(),
                givenName: person.givenName.trim(),
                familyNameKana: toKatakana(person.familyNameKana),
                givenNameKana: toKatakana(person.givenNameKana),
                birthDate: person.birthDate || null,
                sex: person.sex,
              },
              ...(origin.trim() ? { origin: origin.trim() } : {}),
            }),
      },
      { onSuccess: () => setTried(false) },
    );
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="transfer-in-title">
      <Title order={2} size="h3" id="transfer-in-title">
        {t('transfers.inTitle')}
      </Title>
      <SegmentedControl
        aria-label={t('transfers.who')}
        value={who}
        onChange={(v) => setWho(v === 'new' ? 'new' : 'known')}
        data={[
          { value: 'known', label: t('transfers.known') },
          { value: 'new', label: t('transfers.new') },
        ]}
      />
      {who === 'known' ? (
        <Stack gap="xs">
          <Group align="flex-end">
            <TextInput
              label={t('transfers.search')}
              value={searchText}
              onChange={(e) => setSearchText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setQuery(searchText.trim());
              }}
              w={280}
            />
            <Button variant="default" onClick={() => setQuery(searchText.trim())} loading={search.isFetching}>
              {t('transfers.searchButton')}
            </Button>
          </Group>
          {search.isError ? (
            <Alert color="red" variant="light" role="alert">
              {search.error.message}
            </Alert>
          ) : null}
          {search.data && search.data.students.length === 0 ? (
            <Text c="dimmed">{t('transfers.searchEmpty')}</Text>
          ) : null}
          {search.data?.truncated ? (
            <Text size="sm" c="orange">
              {t('transfers.searchTruncated')}
            </Text>
          ) : null}
          {search.data && search.data.students.length > 0 ? (
            <Radio.Group
              value={studentId}
              onChange={setStudentId}
              label={t('transfers.student')}
              error={tried && !studentId ? t('transfers.chooseStudent') : null}
            >
              <Stack gap={4} mt={4}>
                {search.data.students.map((s) => (
                  <Radio
                    key={s.studentId}
                    value={String(s.studentId)}
                    label={`${s.name}（${s.kana}）${s.birthDate ? ` ${s.birthDate}` : ''} — ${
                      s.lastStay
                        ? t('transfers.lastStay', {
                            school: s.lastStay.schoolName,
                            class: s.lastStay.classLabel,
                            end: s.lastStay.endDate,
                          })
                        : t('transfers.noStay')
                    }`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput
              label={t('transfers.familyName')}
              value={person.familyName}
              onChange={set('familyName')}
              error={personErrors.familyName}
              maxLength={50}
            />
            <TextInput
              label={t('transfers.givenName')}
              value={person.givenName}
              onChange={set('givenName')}
              error={personErrors.givenName}
              maxLength={50}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('transfers.familyNameKana')}
              value={person.familyNameKana}
              onChange={set('familyNameKana')}
              error={personErrors.familyNameKana}
              maxLength={50}
            />
            <TextInput
              label={t('transfers.givenNameKana')}
              value={person.givenNameKana}
              onChange={set('givenNameKana')}
              error={personErrors.givenNameKana}
              maxLength={50}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('transfers.birthDate')}
              value={person.birthDate}
              onChange={set('birthDate')}
            />
            <Select
              label={t('transfers.sex')}
              data={(['male', 'female', 'unspecified'] as const).map((s) => ({
                value: s,
                label: t(`transfers.sexes.${s}`),
              }))}
              value={person.sex}
              allowDeselect={false}
              onChange={(v) => setPerson({ ...person, sex: (v as Sex | null) ?? 'unspecified' })}
            />
          </Group>
          <TextInput
            label={t('transfers.origin')}
            placeholder={t('transfers.originPlaceholder')}
            value={origin}
            maxLength={100}
            onChange={(e) => setOrigin(e.currentTarget.value)}
          />
        </Stack>
      )}
      <SchoolClassPicker
        classes={classes}
        schoolId={schoolId}
        classId={classId}
        onSchool={setSchoolId}
        onClass={setClassId}
        classError={tried && !classId ? t('transfers.required') : null}
      />
      <Group align="flex-start">
        <TextInput
          type="date"
          label={t('transfers.inDate')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={tried && !date ? t('transfers.required') : null}
          w={220}
        />
        <NumberInput
          label={t('transfers.attendanceNo')}
          description={classId ? t('transfers.attendanceNoHint', { next }) : undefined}
          min={1}
          max={999}
          allowDecimal={false}
          value={attendanceNo}
          onChange={setAttendanceNo}
          w={220}
        />
      </Group>
      <Textarea
        label={t('transfers.note')}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ActionError error={mutation.error} />
      {mutation.isSuccess ? (
        <Alert color="teal" variant="light" role="status">
          {t('transfers.inDone', { no: mutation.data.enrollment.attendanceNo })}
        </Alert>
      ) : null}
      <div>
        <Button onClick={submit} loading={mutation.isPending}>
          {t('transfers.submitIn')}
        </Button>
      </div>
    </Stack>
  );
}
