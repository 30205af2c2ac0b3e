import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { AttendanceSection } from '../features/karte/AttendanceSection.tsx';
import { toSchoolYearOptions } from '../features/karte/mappers.ts';
import { ProfileSection } from '../features/karte/ProfileSection.tsx';
import { TestTrendSection } from '../features/karte/TestTrendSection.tsx';
import { useStudentKarteQuery } from '../features/karte/useStudentKarteQuery.ts';
import { useLang } from '../i18n/useLang.ts';
import { parseFiscalYearParam, parseIdParam } from '../lib/params.ts';

/** `/students/:studentId?fiscalYear=`: 児童生徒カルテ — profile, 出欠の記録, テスト結果の推移. */
export function StudentKarteRoute() {
  const { t } = useTranslation();
  const lang = useLang();
  const studentId = parseIdParam(useParams().studentId);
  const [params, setParams] = useSearchParams();
  const fiscalYear = parseFiscalYearParam(params.get('fiscalYear'));
  const karte = useStudentKarteQuery(studentId, fiscalYear);

  const profile = karte.data?.profile;
  const fullName = profile
    ? t('person.fullName', { family: profile.familyName, given: profile.givenName })
    : null;
  useDocumentTitle(fullName ? t('karte.documentTitle', { name: fullName }) : t('karte.title'));

  const yearOptions = useMemo(
    () => (karte.data ? toSchoolYearOptions(karte.data.profile.history, karte.data.schoolYear, lang) : []),
    [karte.data, lang],
  );

  const heading = (
    <Title order={1} size="h4" c="dimmed">
      {t('karte.title')}
    </Title>
  );
  const errorMessages = {
    forbidden: { title: t('karte.forbidden'), body: t('karte.forbiddenBody') },
    notFound: { title: t('karte.notFound'), body: t('karte.notFoundBody') },
  };
  const homeButton = (
    <Button component={Link} to="/" variant="default">
      {t('errors.backHome')}
    </Button>
  );

  if (studentId === null || karte.isError || karte.isPending) {
    return (
      <Stack gap="md" mt="xs">
        {heading}
        {studentId === null ? (
          <ErrorState
            error={new ApiError(404, 'not_found', 'invalid student id')}
            messages={errorMessages}
            actions={homeButton}
          />
        ) : karte.isError ? (
          <ErrorState
            error={karte.error}
            messages={errorMessages}
            onRetry={() => void karte.refetch()}
            actions={homeButton}
          />
        ) : (
          <LoadingState rows={8} />
        )}
      </Stack>
    );
  }

  const { profile: p, attendance, tests } = karte.data;
  return (
    <Stack gap="lg" mt="xs">
      <Group justify="space-between" align="flex-end">
        <div>
          {heading}
          <Title order={2} size="h1" mt={4}>
            {fullName}
          </Title>
          <Text className="ek-kana" data-testid="karte-kana">
            {t('person.fullName', { family: p.familyNameKana, given: p.givenNameKana })}
          </Text>
        </div>
        <Button variant="default" onClick={() => window.print()} className="ek-no-print">
          {t('karte.print')}
        </Button>
      </Group>
      <ProfileSection profile={p} />
      <AttendanceSection
        summary={attendance}
        yearOptions={yearOptions}
        isUpdating={karte.isPlaceholderData}
        onYearChange={(year) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('fiscalYear', String(year));
              return next;
            },
            { replace: true },
          )
        }
      />
      <TestTrendSection tests={tests} />
    </Stack>
  );
}
