import { Button, Select, SimpleGrid, Text } from '@mantine/core';
import type { MappingRow } from './mappers.ts';

/** Step 3: which column of the file feeds each field (suggested, saved per source system). */
export function MappingStep({
  rows,
  headers,
  onChange,
  onRecheck,
  busy,
}: {
  rows: readonly MappingRow[];
  headers: readonly string[];
  onChange: (key: string, header: string) => void;
  onRecheck: () => void;
  busy: boolean;
}) {
  return (
    <div>
      <Text fw={600} mb="xs">
        列の対応
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {rows.map((row) => (
          <Select
            key={row.key}
            label={row.required ? `${row.label}（必須）` : row.label}
            placeholder="（使わない）"
            data={headers.map((h) => ({ value: h, label: h }))}
            value={row.header === '' ? null : row.header}
            onChange={(value) => onChange(row.key, value ?? '')}
            clearable
          />
        ))}
      </SimpleGrid>
      <Button mt="sm" variant="light" onClick={onRecheck} loading={busy}>
        この対応でもう一度確認
      </Button>
    </div>
  );
}
