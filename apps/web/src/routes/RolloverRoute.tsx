import {
  Alert,
  Button,
  FileInput,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  todayInJapan,
  type RolloverAssignment,
  type RolloverAssignmentUploadResponse,
  type RolloverClassAssignment,
  type RolloverRequest,
} from '@edukarte/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../components/states/ActionError.tsx';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import {
  downloadAssignmentFile,
  uploadAssignmentFile,
  useRolloverCommitMutation,
  useRolloverPreviewMutation,
} from '../features/rollover/api.ts';
import { FileIssueTable } from '../components/FileIssueTable.tsx';
import { MappingEditor } from '../features/rollover/MappingEditor.tsx';
import {
  assignmentsFromPlacements,
  defaultTargetYear,
  mappingRequest,
  overridesRequest,
  withAssignment,
} from '../features/rollover/mappers.ts';
import { PlacementTable } from '../features/rollover/PlacementTable.tsx';
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
  const [assignment, setAssignment] = useState<RolloverClassAssignment>('keep');
  const [assignments, setAssignments] = useState<RolloverAssignment[]>([]);
  const [mapping, setMapping] = useState<Record<number, number>>({});
  /** 小6 pupils sent to another 中学校 than their school's (studentId → 中学校) */
  const [overrides, setOverrides] = useState<Record<number, number>>({});
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploaded, setUploaded] = useState<RolloverAssignmentUploadResponse | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const preview = useRolloverPreviewMutation();
  const commit = useRolloverCommitMutation();
  const requestOf = (
    over: Partial<{
      assignment: RolloverClassAssignment;
      assignments: RolloverAssignment[];
      mapping: Record<number, number>;
      overrides: Record<number, number>;
    }> = {},
  ): RolloverRequest => {
    const mode = over.assignment ?? assignment;
    return {
      fiscalYear,
      classAssignment: mode,
      juniorHighMapping: mappingRequest(over.mapping ?? mapping),
      juniorHighOverrides: overridesRequest(over.overrides ?? overrides),
      assignments: mode === 'custom' ? (over.assignments ?? assignments) : [],
    };
  };
  const request = requestOf();
  const plan = commit.data?.plan ?? preview.data;
  const busy = preview.isPending || commit.isPending;

  const resetResults = () => {
    preview.reset();
    commit.reset();
    setUploaded(null);
  };
  const rePreview = (over: Parameters<typeof requestOf>[0]) => {
    commit.reset();
    preview.mutate(requestOf(over));
  };

  const onUpload = async () => {
    if (!file) return;
    setFileError(null);
    setUploaded(null);
    setProgress(0);
    try {
      const result = await uploadAssignmentFile(
        file,
        {
          fiscalYear,
          juniorHighMapping: mappingRequest(mapping),
          juniorHighOverrides: overridesRequest(overrides),
        },
        setProgress,
      );
      setUploaded(result);
      if (result.issues.length === 0) {
        setAssignment('custom');
        setAssignments(result.assignments);
        rePreview({ assignment: 'custom', assignments: result.assignments });
      }
    } catch (error) {
      setFileError(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };

  const onDownload = (format: 'csv' | 'xlsx') => {
    setFileError(null);
    downloadAssignmentFile(request, format).catch((error: unknown) =>
      setFileError(error instanceof Error ? error.message : String(error)),
    );
  };

  /** A new 進学先 changes who sits where: the 中1 classes start again from the plan. */
  const replanDestinations = (next: {
    mapping?: Record<number, number>;
    overrides?: Record<number, number>;
  }) => {
    setAssignments([]);
    const mode = assignment === 'custom' ? 'keep' : assignment;
    setAssignment(mode);
    rePreview({ ...next, assignment: mode });
  };

  const onEdit = (change: RolloverAssignment) => {
    const base = assignment === 'custom' ? assignments : assignmentsFromPlacements(plan?.placements ?? []);
    const next = withAssignment(base, change);
    setAssignment('custom');
    setAssignments(next);
    rePreview({ assignment: 'custom', assignments: next });
  };

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
            setAssignments([]);
            setOverrides({});
            if (assignment === 'custom') setAssignment('keep');
            resetResults();
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
            {
              value: 'custom',
              label: t('rollover.assignments.custom'),
              disabled: assignments.length === 0,
            },
          ]}
          onChange={(v) => {
            if (v === 'keep' || v === 'gojuon' || v === 'custom') setAssignment(v);
            resetResults();
          }}
          w={280}
        />
        <Button variant="default" onClick={() => preview.mutate(request)} loading={preview.isPending}>
          {t('rollover.preview')}
        </Button>
      </Group>
      <ActionError error={preview.error} />
      <ActionError error={commit.error} />
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
          <Title order={3} size="h4">
            {t('rollover.mapping')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('rollover.mappingHint')}
          </Text>
          <MappingEditor
            plan={plan}
            disabled={busy || commit.data !== undefined}
            onChange={(elementary, juniorHigh) => {
              const next = { ...mapping, [elementary]: juniorHigh };
              setMapping(next);
              replanDestinations({ mapping: next });
            }}
          />
          <Title order={3} size="h4">
            {t('rollover.fileTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('rollover.fileHint')}
          </Text>
          <Group align="flex-end">
            <Button variant="default" onClick={() => onDownload('csv')}>
              {t('rollover.downloadCsv')}
            </Button>
            <Button variant="default" onClick={() => onDownload('xlsx')}>
              {t('rollover.downloadXlsx')}
            </Button>
            <FileInput
              label={t('rollover.uploadLabel')}
              placeholder={t('rollover.uploadPlaceholder')}
              accept=".csv,.xlsx,text/csv"
              value={file}
              onChange={(f) => {
                setFile(f);
                setUploaded(null);
              }}
              clearable
              w={280}
            />
            <Button
              onClick={() => void onUpload()}
              disabled={!file || commit.data !== undefined}
              loading={progress !== null}
            >
              {t('rollover.upload')}
            </Button>
          </Group>
          {progress !== null ? <Progress value={progress} aria-label={t('rollover.uploading')} /> : null}
          {fileError ? (
            <Alert color="red" variant="light" role="alert">
              {fileError}
            </Alert>
          ) : null}
          {uploaded && uploaded.issues.length > 0 ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={t('rollover.fileErrors', { count: uploaded.issues.length })}
            >
              <Text size="sm" mb="xs">
                {t('rollover.fileErrorsBody')}
              </Text>
              <FileIssueTable issues={uploaded.issues} caption={t('rollover.issues')} />
            </Alert>
          ) : null}
          {uploaded && uploaded.issues.length === 0 ? (
            <Alert color="teal" variant="light" role="status">
              {t('rollover.fileAccepted', { rows: uploaded.rows, file: uploaded.fileName })}
            </Alert>
          ) : null}
          <Title order={3} size="h4">
            {t('rollover.placements')}
          </Title>
          <PlacementTable
            placements={plan.placements}
            juniorHighSchools={plan.juniorHighSchools}
            overridden={overrides}
            onEdit={onEdit}
            onDestination={(studentId, juniorHigh) => {
              const next = { ...overrides, [studentId]: juniorHigh };
              setOverrides(next);
              replanDestinations({ overrides: next });
            }}
            disabled={busy || commit.data !== undefined}
          />
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
