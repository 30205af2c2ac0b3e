import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A quiet panel for "nothing here yet", saying why and what makes something appear. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md" ta="center" bg="gray.0">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children ? (
        <Text c="dimmed" mt="xs">
          {children}
        </Text>
      ) : null}
    </Paper>
  );
}
