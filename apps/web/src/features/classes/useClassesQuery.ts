import { ClassListResponse } from '@edukarte/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

export const classesQueryKey = (fiscalYear?: number) => ['classes', 'list', fiscalYear ?? 'current'] as const;

/** Classes the caller may see in a school year (the current one when omitted). */
export function useClassesQuery(fiscalYear?: number, { enabled = true } = {}) {
  return useQuery({
    queryKey: classesQueryKey(fiscalYear),
    queryFn: ({ signal }) => apiRequest('/api/classes', ClassListResponse, { query: { fiscalYear }, signal }),
    enabled,
  });
}
