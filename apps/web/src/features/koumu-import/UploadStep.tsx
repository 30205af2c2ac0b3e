import { Button, FileInput, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  return (
    <div>
      <Group align="end">
        <FileInput
          label={t('koumuImport.file')}
          description={t('koumuImport.fileHelp')}
          placeholder={t('koumuImport.filePlaceholder')}
          accept=".csv,.xlsx,text/csv"
          value={file}
          onChange={onFile}
          clearable
          w={360}
        />
        <Button onClick={onUpload} disabled={!file} loading={busy}>
          {t('koumuImport.upload')}
        </Button>
      </Group>
      {progress !== null ? (
        <div>
          <Progress value={progress} mt="sm" aria-label={t('koumuImport.uploadProgress')} />
          <Text size="xs" c="dimmed" aria-live="polite">
            {progress < 100 ? t('koumuImport.uploading', { percent: progress }) : t('koumuImport.checking')}
          </Text>
        </div>
      ) : null}
    </div>
  );
}
