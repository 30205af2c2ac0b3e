import { Me } from '@edukarte/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, isUnauthorized } from '../../api/client.ts';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest('/api/me', Me, { signal });
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}

export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
  });
}
