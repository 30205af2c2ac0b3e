import { StudentKarteResponse } from '@edukarte/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

export const studentKarteQueryKey = (studentId: number, fiscalYear?: number) =>
  ['students', studentId, 'karte', fiscalYear ?? 'current'] as const;

/**
 * One child's karte. Changing the 年度 keeps the previous year's karte on screen until the new
 * one arrives (same child only), so the page does not flash back to a skeleton.
 */
export function useStudentKarteQuery(studentId: number | null, fiscalYear?: number) {
  return useQuery({
    queryKey: studentKarteQueryKey(studentId ?? 0, fiscalYear),
    queryFn: ({ signal }) =>
      apiRequest(`/api/students/${String(studentId)}/karte`, StudentKarteResponse, {
        query: { fiscalYear },
        signal,
      }),
    enabled: studentId !== null,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === studentId ? previous : undefined,
  });
}
