import { Alert, Button, Divider, Stack, Text, Title } from '@mantine/core';
import type { ImportPreviewResponse, KoumuImportKind } from '@edukarte/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { historyQueryKey, uploadImport, useCommitMutation } from '../features/koumu-import/api.ts';
import { ImportHistory } from '../features/koumu-import/ImportHistory.tsx';
import { ImportSourceForm } from '../features/koumu-import/ImportSourceForm.tsx';
import {
  countsLabel,
  mappingRows,
  mappingToSend,
  type MappingRow,
} from '../features/koumu-import/mappers.ts';
import { MappingStep } from '../features/koumu-import/MappingStep.tsx';
import { PreviewTables } from '../features/koumu-import/PreviewTables.tsx';
import { UploadStep } from '../features/koumu-import/UploadStep.tsx';

/** `/admin/koumu-imports`: 校務データの取り込み (admin for the municipality, principal for the school). */
export function KoumuImportRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('koumuImport.title'));
  if (me.role !== 'admin' && me.role !== 'principal')
    return <Alert color="gray">{t('koumuImport.forbidden')}</Alert>;
  return <KoumuImport />;
}

function KoumuImport() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<KoumuImportKind>('attendance');
  const [sourceSystem, setSourceSystem] = useState('koumu');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [result, setResult] = useState<{ kind: KoumuImportKind; preview: ImportPreviewResponse } | null>(
    null,
  );
  const [mapping, setMapping] = useState<MappingRow[]>([]);
  const commit = useCommitMutation();
  const queryClient = useQueryClient();

  const reset = () => {
    setResult(null);
    setMapping([]);
    setUploadError(null);
    commit.reset();
  };

  const upload = async (withMapping: boolean) => {
    if (!file) return;
    setUploadError(null);
    commit.reset();
    setProgress(0);
    try {
      const preview = await uploadImport(
        { file, kind, sourceSystem, ...(withMapping ? { mapping: mappingToSend(mapping) } : {}) },
        setProgress,
      );
      setResult({ kind, preview });
      setMapping(mappingRows(kind, preview.mapping));
      void queryClient.invalidateQueries({ queryKey: historyQueryKey });
    } catch (error) {
      setUploadError(isApiError(error) ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="md" mt="xs">
      <Title order={1} size="h2">
        {t('koumuImport.title')}
      </Title>
      <ImportSourceForm
        kind={kind}
        sourceSystem={sourceSystem}
        onKind={(k) => {
          setKind(k);
          reset();
        }}
        onSourceSystem={setSourceSystem}
      />
      <UploadStep
        file={file}
        onFile={(f) => {
          setFile(f);
          reset();
        }}
        onUpload={() => void upload(false)}
        progress={progress}
        busy={progress !== null}
      />
      {uploadError ? (
        <Alert color="red" title={t('koumuImport.uploadFailed')} role="alert">
          {uploadError}
        </Alert>
      ) : null}
      {result ? (
        <>
          <MappingStep
            kind={result.kind}
            rows={mapping}
            headers={result.preview.headers}
            onChange={(key, header) =>
              setMapping((rows) => rows.map((r) => (r.key === key ? { ...r, header } : r)))
            }
            onRecheck={() => void upload(true)}
            busy={progress !== null}
          />
          <PreviewTables kind={result.kind} result={result.preview} />
          {commit.data ? (
            <Alert color="teal" title={t('koumuImport.committed')}>
              {countsLabel(commit.data.batch.counts, t)}
            </Alert>
          ) : (
            <div>
              <Button
                onClick={() => commit.mutate(result.preview.batch.id)}
                disabled={result.preview.problems.length > 0 || result.preview.batch.counts.valid === 0}
                loading={commit.isPending}
              >
                {t('koumuImport.commit', { count: result.preview.batch.counts.valid })}
              </Button>
              {commit.isError ? (
                <Text c="red.8" mt="xs">
                  {isApiError(commit.error) ? commit.error.message : String(commit.error)}
                </Text>
              ) : null}
            </div>
          )}
        </>
      ) : null}
      <Divider />
      <ImportHistory />
    </Stack>
  );
}
