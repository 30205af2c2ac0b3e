import { Alert, Anchor, Button, FileInput, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import type { OneRosterImportReport } from '@edukarte/shared';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { uploadRosterPackage } from '../features/roster-import/api.ts';
import { IssueTable } from '../features/roster-import/IssueTable.tsx';
import { appliedLines, rowsLine } from '../features/roster-import/mappers.ts';

/** `/admin/roster-import`: 名簿の取り込み（OneRoster） — check a zip, then import it. Admins only. */
export function RosterImportRoute() {
  const me = useCurrentUser();
  useDocumentTitle('名簿の取り込み（OneRoster）');
  if (me.role !== 'admin') return <Alert color="gray">名簿の取り込みはシステム管理者だけが行えます。</Alert>;
  return <RosterImport />;
}

function RosterImport() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<OneRosterImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setProgress(0);
    try {
      setReport(await uploadRosterPackage(file, dryRun, setProgress));
    } catch (error) {
      setFailure(isApiError(error) ? error.message : '取り込みに失敗しました');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          名簿の取り込み（OneRoster）
        </Title>
        <Text c="dimmed">
          OneRoster 1.1 / 1.2（Japan Profile）の CSV をまとめた ZIP
          を選んでください。すべてのファイルを確認してから、全件まとめて取り込みます（途中で失敗した場合は何も変わりません）。
        </Text>
      </div>
      <Group align="end">
        <FileInput
          label="ZIP ファイル"
          placeholder="ファイルを選択"
          accept=".zip,application/zip"
          value={file}
          onChange={(f) => {
            setFile(f);
            setReport(null);
          }}
          clearable
          w={360}
        />
        <Button onClick={() => void send(true)} disabled={!file} loading={busy && !report?.ok}>
          アップロードして確認
        </Button>
      </Group>
      {progress !== null ? (
        <div>
          <Progress value={progress} aria-label="アップロードの進み具合" />
          <Text size="xs" c="dimmed">
            {progress < 100 ? `アップロード中 ${progress}%` : '内容を確認しています…'}
          </Text>
        </div>
      ) : null}
      {failure ? (
        <Alert color="red" variant="light" title="取り込めませんでした">
          {failure}
        </Alert>
      ) : null}
      {report ? <ReportView report={report} busy={busy} onCommit={() => void send(false)} /> : null}
    </Stack>
  );
}

function ReportView({
  report,
  busy,
  onCommit,
}: {
  report: OneRosterImportReport;
  busy: boolean;
  onCommit: () => void;
}) {
  const lines = appliedLines(report);
  return (
    <Stack gap="sm">
      {report.committed ? (
        <Alert color="teal" variant="light" title="取り込みました">
          <List size="sm">
            {lines.length > 0 ? (
              lines.map((l) => <List.Item key={l}>{l}</List.Item>)
            ) : (
              <List.Item>変更はありませんでした</List.Item>
            )}
          </List>
          <Anchor component={Link} to="/classes" mt="xs" display="inline-block">
            学級一覧を開く
          </Anchor>
        </Alert>
      ) : report.ok ? (
        <Alert color="blue" variant="light" title={`問題はありません（OneRoster ${report.version ?? ''}）`}>
          <Text size="sm">{rowsLine(report)}</Text>
          <List size="sm">
            {lines.map((l) => (
              <List.Item key={l}>{l}</List.Item>
            ))}
          </List>
          <Button mt="sm" onClick={onCommit} loading={busy}>
            取り込む
          </Button>
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          title={`${report.errors.length} 件の問題があります。直してからもう一度アップロードしてください`}
        >
          <Text size="sm">{rowsLine(report)}</Text>
        </Alert>
      )}
      {report.errors.length > 0 ? <IssueTable issues={report.errors} caption="エラー" /> : null}
      {report.warnings.length > 0 ? (
        <div>
          <Title order={2} size="h4">
            注意（取り込みは止めません） {report.warnings.length} 件
          </Title>
          <IssueTable issues={report.warnings} caption="注意" />
        </div>
      ) : null}
    </Stack>
  );
}
