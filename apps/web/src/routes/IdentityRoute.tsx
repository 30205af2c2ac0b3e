import { Alert, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../components/states/ActionError.tsx';
import { useCurrentUser } from '../app/CurrentUser.tsx';
import { useDocumentTitle } from '../app/useDocumentTitle.ts';
import { EmptyState } from '../components/states/EmptyState.tsx';
import { ErrorState } from '../components/states/ErrorState.tsx';
import { LoadingState } from '../components/states/LoadingState.tsx';
import {
  useDecideReviewMutation,
  useIdentityReviewsQuery,
  usePersonMergesQuery,
  useUndoMergeMutation,
} from '../features/identity/api.ts';
import { MergeForm } from '../features/identity/MergeForm.tsx';
import { MergeHistory } from '../features/identity/MergeHistory.tsx';
import { ReviewCard } from '../features/identity/ReviewCard.tsx';

/** `/admin/identity`: 名寄せ（同一人物の確認）— pending reviews and the merge history. */
export function IdentityRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('identity.title'));
  if (me.role !== 'admin' && me.role !== 'principal')
    return (
      <Alert color="orange" variant="light" title={t('identity.forbidden')} mt="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return <IdentityScreen isAdmin={me.role === 'admin'} />;
}

function IdentityScreen({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const reviews = useIdentityReviewsQuery('pending');
  const merges = usePersonMergesQuery(isAdmin);
  const decide = useDecideReviewMutation();
  const undo = useUndoMergeMutation();
  const [busyReview, setBusyReview] = useState<number | null>(null);

  return (
    <Stack gap="md" mt="xs">
      <div>
        <Title order={1} size="h2">
          {t('identity.title')}
        </Title>
        <Text c="dimmed">{t('identity.intro')}</Text>
      </div>
      <ActionError error={decide.error} />
      <Title order={2} size="h3">
        {t('identity.pending')}
      </Title>
      {reviews.isPending ? (
        <LoadingState />
      ) : reviews.isError ? (
        <ErrorState
          error={reviews.error}
          messages={{ forbidden: { title: t('identity.forbidden') } }}
          onRetry={() => void reviews.refetch()}
        />
      ) : reviews.data.reviews.length === 0 ? (
        <EmptyState title={t('identity.empty')}>{t('identity.emptyBody')}</EmptyState>
      ) : (
        reviews.data.reviews.map((review) => (
          <ReviewCard
            key={review.id}
            review={review}
            canDecide={isAdmin}
            busy={decide.isPending && busyReview === review.id}
            onDecide={(decision) => {
              setBusyReview(review.id);
              decide.mutate({ id: review.id, decision });
            }}
          />
        ))
      )}
      {isAdmin ? (
        <>
          <Title order={2} size="h3">
            {t('identity.mergeTitle')}
          </Title>
          <MergeForm />
          <Title order={2} size="h3">
            {t('identity.history')}
          </Title>
          <ActionError error={undo.error} />
          {merges.isPending ? (
            <LoadingState />
          ) : merges.isError ? (
            <ErrorState error={merges.error} onRetry={() => void merges.refetch()} />
          ) : merges.data.merges.length === 0 ? (
            <Text c="dimmed">{t('identity.noMerges')}</Text>
          ) : (
            <MergeHistory
              merges={merges.data.merges}
              busyId={undo.isPending ? (undo.variables ?? null) : null}
              onUndo={(m) => undo.mutate(m.id)}
            />
          )}
        </>
      ) : null}
    </Stack>
  );
}
