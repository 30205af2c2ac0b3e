import { Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { EmptyState } from '../components/states/EmptyState.tsx';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { ClassListTable } from '../features/classes/ClassListTable.tsx';
import { sortClassSummaries } from '../features/classes/mappers.ts';
import { useClassesQuery } from '../features/classes/useClassesQuery.ts';
import { RolePendingNotice } from '../features/home/RolePendingNotice.tsx';
import { useLang } from '../i18n/useLang.ts';
import { formatSchoolYearLabel } from '../lib/format.ts';
import { parseFiscalYearParam } from '../lib/params.ts';

/** `/classes`: the classes the caller may see this year, their own homeroom first. */
export function ClassListRoute() {
  const me = useCurrentUser();
  if (me.role === 'board' || me.role === 'student') return <RolePendingNotice role={me.role} />;
  return <ClassList />;
}

function ClassList() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const classes = useClassesQuery(parseFiscalYearParam(params.get('fiscalYear')));
  const sorted = useMemo(() => sortClassSummaries(classes.data?.classes ?? []), [classes.data]);
  useDocumentTitle(t('classes.title'));

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('classes.title')}
        </Title>
        {classes.data ? (
          <Text c="dimmed" data-testid="school-year">
            {lang === 'ja'
              ? classes.data.schoolYear.title
              : formatSchoolYearLabel(classes.data.schoolYear.fiscalYear, lang)}
          </Text>
        ) : null}
      </div>
      {classes.isPending ? (
        <LoadingState />
      ) : classes.isError ? (
        <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState title={t('classes.empty')}>{t('classes.emptyBody')}</EmptyState>
      ) : (
        <ClassListTable classes={sorted} />
      )}
    </Stack>
  );
}
