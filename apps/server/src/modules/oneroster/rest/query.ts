/**
 * OneRoster 1.2 REST collection parameters (§3.4 of the REST binding): limit/offset paging,
 * sort + orderBy, filter (`field op 'value'` joined by AND) and fields. Pure functions.
 */
export type Item = Record<string, unknown>;

type Operator = '>=' | '<=' | '!=' | '=' | '>' | '<' | '~';

export interface Predicate {
  field: string;
  op: Operator;
  value: string;
}

export interface CollectionQuery {
  limit: number;
  offset: number;
  sort: string | null;
  orderBy: 'asc' | 'desc';
  filter: Predicate[];
  fields: string[] | null;
}

export type Parsed = { ok: true; query: CollectionQuery } | { ok: false; message: string };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function parseFilter(text: string): Predicate[] | null {
  const predicates: Predicate[] = [];
  for (const part of text.split(/\s+AND\s+/)) {
    const match = /^\s*([A-Za-z][\w.]*)\s*(>=|<=|!=|=|>|<|~)\s*'((?:[^']|'')*)'\s*$/.exec(part);
    if (!match?.[1] || !match[2]) return null;
    predicates.push({
      field: match[1],
      op: match[2] as Operator,
      value: (match[3] ?? '').replaceAll("''", "'"),
    });
  }
  return predicates;
}

export function parseCollectionQuery(params: Record<string, string | undefined>): Parsed {
  const limitText = params.limit ?? String(DEFAULT_LIMIT);
  const offsetText = params.offset ?? '0';
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1)
    return { ok: false, message: 'limit は 1 以上の整数です' };
  if (!/^\d+$/.test(offsetText)) return { ok: false, message: 'offset は 0 以上の整数です' };
  const orderBy = params.orderBy ?? 'asc';
  if (orderBy !== 'asc' && orderBy !== 'desc') return { ok: false, message: 'orderBy は asc か desc です' };
  const filter = params.filter ? parseFilter(params.filter) : [];
  if (!filter) return { ok: false, message: "filter は field='value' を AND でつないだ形です" };
  return {
    ok: true,
    query: {
      limit: Math.min(Number(limitText), MAX_LIMIT),
      offset: Number(offsetText),
      sort: params.sort ?? null,
      orderBy,
      filter,
      fields: params.fields
        ? params.fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : null,
    },
  };
}

/** `metadata.jp.homeClass` finds `metadata["jp.homeClass"]`: keys may themselves contain dots. */
function valueAt(item: unknown, path: string): unknown {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  if (path in record) return record[path];
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = parts.slice(0, i).join('.');
    if (head in record) return valueAt(record[head], parts.slice(i).join('.'));
  }
  return undefined;
}

/** A value as the filter compares it: references by sourcedId, everything else as text. */
function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value !== null && typeof value === 'object' && 'sourcedId' in value) return [String(value.sourcedId)];
  if (value === undefined || value === null) return [];
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}

function matches(item: Item, p: Predicate): boolean {
  const values = texts(valueAt(item, p.field));
  const test = (v: string) => {
    switch (p.op) {
      case '=':
        return v === p.value;
      case '!=':
        return v !== p.value;
      case '>':
        return v > p.value;
      case '>=':
        return v >= p.value;
      case '<':
        return v < p.value;
      case '<=':
        return v <= p.value;
      case '~':
        return v.toLowerCase().includes(p.value.toLowerCase());
    }
  };
  return p.op === '!=' ? values.every(test) : values.some(test);
}

/** Filters, sorts, pages and trims a collection; `total` is the count before paging (X-Total-Count). */
export function applyQuery(items: readonly Item[], query: CollectionQuery): { total: number; page: Item[] } {
  let result = items.filter((item) => query.filter.every((p) => matches(item, p)));
  if (query.sort) {
    const key = query.sort;
    const direction = query.orderBy === 'desc' ? -1 : 1;
    result = [...result].sort((a, b) => {
      const x = texts(valueAt(a, key))[0] ?? '';
      const y = texts(valueAt(b, key))[0] ?? '';
      return x < y ? -direction : x > y ? direction : 0;
    });
  }
  const page = result.slice(query.offset, query.offset + query.limit);
  const fields = query.fields;
  return {
    total: result.length,
    page: fields
      ? page.map((item) => Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])))
      : page,
  };
}

/** RFC 8288 Link header with first/prev/next/last pages, keeping the other parameters. */
export function linkHeader(
  baseUrl: string,
  params: Record<string, string | undefined>,
  total: number,
  query: CollectionQuery,
): string {
  const url = (offset: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      if (v !== undefined && k !== 'offset' && k !== 'limit') search.set(k, v);
    search.set('limit', String(query.limit));
    search.set('offset', String(offset));
    return `<${baseUrl}?${search.toString()}>`;
  };
  const last = Math.max(0, Math.floor((total - 1) / query.limit) * query.limit);
  const links = [`${url(0)}; rel="first"`];
  if (query.offset > 0) links.push(`${url(Math.max(0, query.offset - query.limit))}; rel="prev"`);
  if (query.offset + query.limit < total) links.push(`${url(query.offset + query.limit)}; rel="next"`);
  links.push(`${url(last)}; rel="last"`);
  return links.join(', ');
}
