import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A karte section: a landmark region named by its heading, so it can be found as
 * `getByRole('region', { name: '出欠の記録' })` and kept on one printed page where possible.
 */
export function KarteSection({
  id,
  title,
  aside,
  busy = false,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  busy?: boolean;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      aria-busy={busy}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      className="ek-print-section"
    >
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}
