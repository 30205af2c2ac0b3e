import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { EmptyState } from '../components/states/EmptyState.tsx';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { toRosterRows } from '../features/classes/mappers.ts';
import { RosterTable } from '../features/classes/RosterTable.tsx';
import { useClassRosterQuery } from '../features/classes/useClassRosterQuery.ts';
import { useLang } from '../i18n/useLang.ts';
import { formatSchoolYearLabel } from '../lib/format.ts';
import { parseIdParam } from '../lib/params.ts';

/** `/classes/:classId`: 「令和8年度 6年1組」 and its roster. */
export function ClassRoute() {
  const { t } = useTranslation();
  const lang = useLang();
  const classId = parseIdParam(useParams().classId);
  const roster = useClassRosterQuery(classId);
  const rows = useMemo(() => toRosterRows(roster.data?.students ?? []), [roster.data]);

  const data = roster.data;
  const title = data
    ? t('class.title', {
        year: lang === 'ja' ? data.schoolYear.title : formatSchoolYearLabel(data.schoolYear.fiscalYear, lang),
        label: data.class.label,
      })
    : null;
  useDocumentTitle(title ?? t('classes.title'));

  const backToList = (
    <Button component={Link} to="/classes" variant="default">
      {t('class.backToList')}
    </Button>
  );
  const errorMessages = {
    forbidden: { title: t('class.forbidden') },
    notFound: { title: t('class.notFound'), body: t('class.notFoundBody') },
  };

  if (classId === null) {
    return (
      <ErrorState
        error={new ApiError(404, 'not_found', 'invalid class id')}
        messages={errorMessages}
        actions={backToList}
      />
    );
  }
  if (roster.isPending) return <LoadingState />;
  if (roster.isError) {
    return (
      <ErrorState
        error={roster.error}
        messages={errorMessages}
        onRetry={() => void roster.refetch()}
        actions={backToList}
      />
    );
  }

  const { class: summary, schoolYear } = roster.data;
  return (
    <Stack gap="md" mt="xs">
      <Anchor component={Link} to="/classes" size="sm" className="ek-no-print ek-touch">
        {t('class.backToList')}
      </Anchor>
      <div>
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {title}
          </Title>
          {summary.isSpecialNeeds ? (
            <Badge color="grape" variant="light">
              {t('classes.specialNeeds')}
            </Badge>
          ) : null}
        </Group>
        <Text c="dimmed">
          {t('class.summary', { school: summary.schoolName, count: summary.studentCount })}
        </Text>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t('class.empty')} />
      ) : (
        <RosterTable
          rows={rows}
          caption={t('class.tableCaption', { label: summary.label })}
          fiscalYear={schoolYear.fiscalYear}
        />
      )}
    </Stack>
  );
}
