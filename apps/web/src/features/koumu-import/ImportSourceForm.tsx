import { Anchor, Group, Select, TextInput } from '@mantine/core';
import { KOUMU_IMPORT_KIND_LABELS_JA, KOUMU_IMPORT_KINDS, type KoumuImportKind } from '@edukarte/shared';

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
  return (
    <Group align="end" wrap="wrap">
      <Select
        label="取り込むデータ"
        data={KOUMU_IMPORT_KINDS.map((k) => ({ value: k, label: KOUMU_IMPORT_KIND_LABELS_JA[k] }))}
        value={kind}
        onChange={(value) => {
          const next = KOUMU_IMPORT_KINDS.find((k) => k === value);
          if (next) onKind(next);
        }}
        allowDeselect={false}
        w={220}
      />
      <TextInput
        label="連携元システム"
        description="列の対応はシステムごとに保存されます"
        value={sourceSystem}
        onChange={(event) => onSourceSystem(event.currentTarget.value)}
        w={220}
      />
      <Group gap="sm" pb={6}>
        <Anchor href={`/api/admin/koumu-imports/templates/${kind}.csv`} download>
          テンプレート（CSV）
        </Anchor>
        <Anchor href={`/api/admin/koumu-imports/templates/${kind}.xlsx`} download>
          テンプレート（Excel）
        </Anchor>
      </Group>
    </Group>
  );
}
