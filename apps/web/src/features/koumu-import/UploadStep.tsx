import { Button, FileInput, Group, Progress, Text } from '@mantine/core';

/** Step 2: choose a CSV (UTF-8 / Shift_JIS) or .xlsx file and upload it for checking. */
export function UploadStep({
  file,
  onFile,
  onUpload,
  progress,
  busy,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  onUpload: () => void;
  progress: number | null;
  busy: boolean;
}) {
  return (
    <div>
      <Group align="end">
        <FileInput
          label="ファイル"
          description="CSV（UTF-8 または Shift_JIS）または Excel（.xlsx）"
          placeholder="ファイルを選択"
          accept=".csv,.xlsx,text/csv"
          value={file}
          onChange={onFile}
          clearable
          w={360}
        />
        <Button onClick={onUpload} disabled={!file} loading={busy}>
          アップロードして確認
        </Button>
      </Group>
      {progress !== null ? (
        <div>
          <Progress value={progress} mt="sm" aria-label="アップロードの進み具合" />
          <Text size="xs" c="dimmed">
            {progress < 100 ? `アップロード中 ${progress}%` : 'ファイルを確認しています…'}
          </Text>
        </div>
      ) : null}
    </div>
  );
}
