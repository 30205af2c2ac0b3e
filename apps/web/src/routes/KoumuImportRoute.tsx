import { Alert, Button, Divider, Stack, Text, Title } from '@mantine/core';
import type { ImportPreviewResponse, KoumuImportKind } from '@edukarte/shared';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import { uploadImport, useCommitMutation, useImportHistoryQuery } from '../features/koumu-import/api.ts';
import { HistoryTable } from '../features/koumu-import/HistoryTable.tsx';
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
  const me = useCurrentUser();
  useDocumentTitle('校務データの取り込み');
  if (me.role !== 'admin' && me.role !== 'principal')
    return <Alert color="gray">校務データの取り込みはシステム管理者と校長が行えます。</Alert>;
  return <KoumuImport />;
}

function KoumuImport() {
  const [kind, setKind] = useState<KoumuImportKind>('attendance');
  const [sourceSystem, setSourceSystem] = useState('koumu');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportPreviewResponse | null>(null);
  const [mapping, setMapping] = useState<MappingRow[]>([]);
  const commit = useCommitMutation();
  const history = useImportHistoryQuery();

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
      setResult(preview);
      setMapping(mappingRows(kind, preview.mapping));
      void history.refetch();
    } catch (error) {
      setUploadError(isApiError(error) ? error.message : String(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="md" mt="xs">
      <Title order={1} size="h2">
        校務データの取り込み
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
        <Alert color="red" title="ファイルを取り込めません">
          {uploadError}
        </Alert>
      ) : null}
      {result ? (
        <>
          <MappingStep
            rows={mapping}
            headers={result.headers}
            onChange={(key, header) =>
              setMapping((rows) => rows.map((r) => (r.key === key ? { ...r, header } : r)))
            }
            onRecheck={() => void upload(true)}
            busy={progress !== null}
          />
          <PreviewTables result={result} />
          {commit.data ? (
            <Alert color="teal" title="取り込みました">
              {countsLabel(commit.data.batch.counts)}
            </Alert>
          ) : (
            <div>
              <Button
                onClick={() => commit.mutate(result.batch.id)}
                disabled={result.problems.length > 0 || result.batch.counts.valid === 0}
                loading={commit.isPending}
              >
                取り込む（{result.batch.counts.valid}行）
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
      <Title order={2} size="h3">
        取り込み履歴
      </Title>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <HistoryTable batches={history.data.batches} />
      )}
    </Stack>
  );
}
