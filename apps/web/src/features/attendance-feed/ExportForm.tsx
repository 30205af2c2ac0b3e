import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { ErrorResponse, type AttendanceExportEncoding } from '@edukarte/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/states/ErrorState.tsx';
import { LoadingState } from '../../components/states/LoadingState.tsx';
import { useExportSchoolsQuery } from './api.ts';
import { attendanceExportUrl, japanToday } from './mappers.ts';

/** Saves a downloaded file under the name the server gave it. */
function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** 出欠 CSV for one school and day, in the encoding the 校務 system reads. Errors stay on the page. */
export function ExportForm() {
  const { t } = useTranslation();
  const schools = useExportSchoolsQuery();
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [date, setDate] = useState(() => japanToday(new Date()));
  const [encoding, setEncoding] = useState<AttendanceExportEncoding>('utf-8');
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; fileName: string }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const only = schools.data?.schools.length === 1 ? schools.data.schools[0] : undefined;
  const chosen = schoolId ?? (only ? String(only.id) : null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null || date === '') return;
    setState({ kind: 'busy' });
    try {
      const response = await fetch(attendanceExportUrl({ schoolId: Number(chosen), date, encoding }), {
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const body = ErrorResponse.safeParse(await response.json().catch(() => null));
        setState({
          kind: 'error',
          message: body.success
            ? body.data.error.message
            : `${t('errors.server')} (HTTP ${String(response.status)})`,
        });
        return;
      }
      const fileName =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'attendance.csv';
      saveBlob(await response.blob(), fileName);
      setState({ kind: 'done', fileName });
    } catch {
      setState({ kind: 'error', message: t('errors.network') });
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="feed-export-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="feed-export-title">
            {t('attendanceFeed.export.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('attendanceFeed.export.intro')}
          </Text>
        </div>
        {schools.isPending ? (
          <LoadingState rows={1} />
        ) : schools.isError ? (
          <ErrorState error={schools.error} onRetry={() => void schools.refetch()} />
        ) : (
          <form onSubmit={(e) => void onSubmit(e)}>
            <Group align="end" wrap="wrap">
              <Select
                label={t('attendanceFeed.export.school')}
                placeholder={t('attendanceFeed.export.schoolPlaceholder')}
                data={schools.data.schools.map((s) => ({ value: String(s.id), label: s.name }))}
                value={chosen}
                onChange={setSchoolId}
                searchable
                required
                w={260}
                nothingFoundMessage={t('attendanceFeed.export.noSchool')}
              />
              <TextInput
                type="date"
                label={t('attendanceFeed.export.date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                required
                w={180}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500} id="feed-export-encoding">
                  {t('attendanceFeed.export.encoding')}
                </Text>
                <SegmentedControl
                  value={encoding}
                  onChange={(v) => setEncoding(v === 'shift_jis' ? 'shift_jis' : 'utf-8')}
                  aria-labelledby="feed-export-encoding"
                  data={[
                    { value: 'utf-8', label: t('attendanceFeed.export.utf8') },
                    { value: 'shift_jis', label: t('attendanceFeed.export.sjis') },
                  ]}
                />
              </Stack>
              <Button type="submit" loading={state.kind === 'busy'} disabled={chosen === null || date === ''}>
                {t('attendanceFeed.export.download')}
              </Button>
            </Group>
          </form>
        )}
        {state.kind === 'done' ? (
          <Text size="sm" c="teal.8" role="status">
            {t('attendanceFeed.export.done', { file: state.fileName })}
          </Text>
        ) : null}
        {state.kind === 'error' ? (
          <Alert color="red" variant="light" role="alert">
            {state.message}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
