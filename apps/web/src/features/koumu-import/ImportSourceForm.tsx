import { Anchor, Group, Select, TextInput } from '@mantine/core';
import { KOUMU_IMPORT_KINDS, type KoumuImportKind } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';

/** Step 1: what the file holds and which 校務 system it comes from, with the template downloads. */
export function ImportSourceForm({
  kind,
  sourceSystem,
  onKind,
  onSourceSystem,
}: {
  kind: KoumuImportKind;
  sourceSystem: string;
  onKind: (kind: KoumuImportKind) => void;
  onSourceSystem: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group align="end" wrap="wrap">
      <Select
        label={t('koumuImport.kind')}
        data={KOUMU_IMPORT_KINDS.map((k) => ({ value: k, label: t(`koumuKind.${k}`) }))}
        value={kind}
        onChange={(value) => {
          const next = KOUMU_IMPORT_KINDS.find((k) => k === value);
          if (next) onKind(next);
        }}
        allowDeselect={false}
        w={220}
      />
      <TextInput
        label={t('koumuImport.sourceSystem')}
        description={t('koumuImport.sourceSystemHelp')}
        value={sourceSystem}
        onChange={(event) => onSourceSystem(event.currentTarget.value)}
        w={220}
      />
      <Group gap="sm" pb={6}>
        <Anchor href={`/api/admin/koumu-imports/templates/${kind}.csv`} download>
          {t('koumuImport.templateCsv')}
        </Anchor>
        <Anchor href={`/api/admin/koumu-imports/templates/${kind}.xlsx`} download>
          {t('koumuImport.templateXlsx')}
        </Anchor>
      </Group>
    </Group>
  );
}
