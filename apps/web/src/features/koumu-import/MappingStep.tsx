import { Button, Select, SimpleGrid, Text } from '@mantine/core';
import type { KoumuImportKind } from '@edukarte/shared';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type MappingRow } from './mappers.ts';

/** Step 3: which column of the file feeds each field (suggested, saved per source system). */
export function MappingStep({
  kind,
  rows,
  headers,
  onChange,
  onRecheck,
  busy,
}: {
  kind: KoumuImportKind;
  rows: readonly MappingRow[];
  headers: readonly string[];
  onChange: (key: string, header: string) => void;
  onRecheck: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Text fw={600} mb="xs">
        {t('koumuImport.mapping')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {rows.map((row) => {
          const label = fieldLabel(kind, row.key, t);
          return (
            <Select
              key={row.key}
              label={row.required ? t('koumuImport.requiredField', { label }) : label}
              placeholder={t('koumuImport.unused')}
              data={headers.map((h) => ({ value: h, label: h }))}
              value={row.header === '' ? null : row.header}
              onChange={(value) => onChange(row.key, value ?? '')}
              clearable
            />
          );
        })}
      </SimpleGrid>
      <Button mt="sm" variant="light" onClick={onRecheck} loading={busy}>
        {t('koumuImport.recheck')}
      </Button>
    </div>
  );
}
