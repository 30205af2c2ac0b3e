import { Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A skeleton of a heading and table rows, announced to screen readers as loading. */
export function LoadingState({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" aria-busy="true" role="status" data-testid="loading">
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
      <Skeleton height={32} width="40%" />
      <Skeleton height={20} width="25%" mb="md" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={40} />
      ))}
    </Stack>
  );
}
