/** A positive integer id from a route parameter, or null for anything else ('abc', '0', '1.5'). */
export function parseIdParam(value: string | undefined | null): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

/** `?fiscalYear=2025` → 2025; missing or malformed → undefined (the API then uses the current year). */
export function parseFiscalYearParam(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  return Number(value);
}
