import {
  ExportSchoolList,
  WebhookDeliveryList,
  WebhookDeliverySummary,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
  WebhookSubscriptionSummary,
  type WebhookDeliveryStatus,
  type WebhookSubscriptionCreate,
  type WebhookSubscriptionUpdate,
} from '@edukarte/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiRequestNoContent } from '../../api/client.ts';

const base = '/api/admin/webhook-subscriptions';
const subscriptionsKey = ['admin', 'webhook-subscriptions'] as const;
const deliveriesKey = ['admin', 'webhook-deliveries'] as const;

/** Schools whose 出欠 the signed-in user may export (every school for the admin). */
export function useExportSchoolsQuery() {
  return useQuery({
    queryKey: ['koumu', 'attendance-export', 'schools'],
    queryFn: ({ signal }) => apiRequest('/api/koumu/attendance-export/schools', ExportSchoolList, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSubscriptionsQuery() {
  return useQuery({
    queryKey: subscriptionsKey,
    queryFn: ({ signal }) => apiRequest(base, WebhookSubscriptionList, { signal }),
  });
}

export interface DeliveryFilter {
  subscriptionId: number | null;
  status: WebhookDeliveryStatus | null;
  page: number;
}

export const DELIVERY_PAGE_SIZE = 20;

/** One page of the delivery log; refreshed every 10 s while pending deliveries may change. */
export function useDeliveriesQuery(filter: DeliveryFilter) {
  return useQuery({
    queryKey: [...deliveriesKey, filter],
    queryFn: ({ signal }) =>
      apiRequest('/api/admin/webhook-deliveries', WebhookDeliveryList, {
        signal,
        query: {
          subscriptionId: filter.subscriptionId,
          status: filter.status,
          page: filter.page,
          pageSize: DELIVERY_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

/** Every change to a receiver can change the list and the log (cancelled, held, a test row). */
function useInvalidateFeed() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: subscriptionsKey }),
      queryClient.invalidateQueries({ queryKey: deliveriesKey }),
    ]);
}

export function useCreateSubscriptionMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: (body: WebhookSubscriptionCreate) =>
      apiRequest(base, WebhookSubscriptionCreated, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateSubscriptionMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: WebhookSubscriptionUpdate }) =>
      apiRequest(`${base}/${String(id)}`, WebhookSubscriptionSummary, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useSetEnabledMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) =>
      apiRequest(`${base}/${String(id)}/${enabled ? 'enable' : 'disable'}`, WebhookSubscriptionSummary, {
        method: 'POST',
      }),
    onSuccess: invalidate,
  });
}

export function useRotateSecretMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`${base}/${String(id)}/rotate-secret`, WebhookSubscriptionCreated, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useTestDeliveryMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: (id: number) =>
      apiRequest(`${base}/${String(id)}/test`, WebhookDeliverySummary, { method: 'POST' }),
    onSettled: invalidate,
  });
}

export function useDeleteSubscriptionMutation() {
  const invalidate = useInvalidateFeed();
  return useMutation({
    mutationFn: (id: number) => apiRequestNoContent(`${base}/${String(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
