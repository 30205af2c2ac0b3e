import { ClassRosterResponse } from '@edukarte/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';

export const classRosterQueryKey = (classId: number) => ['classes', classId, 'students'] as const;

/** A class with its children (名簿), in the class's school year. */
export function useClassRosterQuery(classId: number | null) {
  return useQuery({
    queryKey: classRosterQueryKey(classId ?? 0),
    queryFn: ({ signal }) =>
      apiRequest(`/api/classes/${String(classId)}/students`, ClassRosterResponse, { signal }),
    enabled: classId !== null,
  });
}
