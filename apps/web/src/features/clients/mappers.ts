import type { ApiClientSummary, IsoDate } from '@edukarte/shared';

/** The day in Japan (UTC+9) of an ISO timestamp, as an ISO date for formatDate(). */
export function japanDateOf(timestamp: string): IsoDate {
  return new Date(Date.parse(timestamp) + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Active applications first, each group newest first. */
export function sortClients(clients: readonly ApiClientSummary[]): ApiClientSummary[] {
  return [...clients].sort(
    (a, b) =>
      Number(a.disabledAt !== null) - Number(b.disabledAt !== null) ||
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      b.id - a.id,
  );
}

/** The LRS address an xAPI tool is configured with (the endpoint ends with a slash). */
export function xapiEndpoint(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/xapi/`;
}
