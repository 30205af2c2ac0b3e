/**
 * The xAPI 1.0.3 value formats and the rules a schema's shape cannot say (one Inverse Functional
 * Identifier, interaction components per interactionType, score ranges, revision/platform only with
 * an Activity, the voided verb's StatementRef). Pure, and written once: the zod schemas
 * (validate.ts) and the compiled fast check (fast-check.ts) both call them, so the two cannot
 * disagree on a rule. Every rule takes any JSON value and never throws.
 */

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

// ---------------------------------------------------------------------------------------------
// Value formats
// ---------------------------------------------------------------------------------------------

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const MAILTO = /^mailto:[^@\s/]+@[^@\s/]+\.[^@\s/]+$/;
const SHA1 = /^[0-9a-f]{40}$/i;
const SHA2 = /^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i;
/** RFC 4122: standard string form, variant 2 (the variant nibble is 8, 9, a or b). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** RFC 5646 language tag: the sequence of subtag lengths (best effort, as the spec allows). */
const LANGUAGE_TAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|i-[a-z]{2,8})$/i;
/** ISO 8601 combined date and time with a time zone (Z or an offset such as +09:00). */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const DURATION =
  /^P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/;
const ZONE_DATE_PARSE_READS = /(?:Z|[+-]\d{2}:\d{2})$/;
const VERSION = /^1\.0(?:\.\d+)?$/;
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;.*)?$/;

export const isIri = (v: string): boolean => IRI.test(v);
export const isIrl = (v: string): boolean => IRI.test(v) && URL.canParse(v);
export const isUuid = (v: string): boolean => UUID.test(v);
export const isLanguageTag = (v: string): boolean => LANGUAGE_TAG.test(v);
export const isMailto = (v: string): boolean => MAILTO.test(v);
export const isSha1 = (v: string): boolean => SHA1.test(v);
export const isSha2 = (v: string): boolean => SHA2.test(v);
export const isVersion = (v: string): boolean => VERSION.test(v);
export const isMediaType = (v: string): boolean => MEDIA_TYPE.test(v);
export const isDuration = (v: string): boolean => DURATION.test(v);

/** A valid ISO 8601 timestamp with a time zone; -00:00 is refused as the spec asks. */
export function isTimestamp(v: string): boolean {
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const zone = m[7];
  if (zone === '-00' || zone === '-0000' || zone === '-00:00') return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(m[4]) > 23 || Number(m[5]) > 59 || second > 60)
    return false;
  return Number.isFinite(timestampMs(v));
}

/**
 * Milliseconds of an ISO 8601 timestamp, also for the offsets JavaScript's Date.parse does not
 * read (`+09`, `+0900`, a decimal comma). NaN when it is not a timestamp.
 */
export function timestampMs(v: string): number {
  // what vendors send (Z or ±hh:mm, a decimal point) Date.parse reads as it is
  if (!v.includes(',') && ZONE_DATE_PARSE_READS.test(v)) return Date.parse(v);
  const normalised = v
    .replace(',', '.')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/([+-]\d{2})$/, '$1:00');
  return Date.parse(normalised);
}

// ---------------------------------------------------------------------------------------------
// Rules beyond the shape
// ---------------------------------------------------------------------------------------------

/** A broken rule: where (relative to the value checked) and what is expected, in Japanese. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** A JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const objectTypeOf = (v: unknown): unknown => (isRecord(v) ? v.objectType : undefined);

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

export function ifiCount(v: Record<string, unknown>): number {
  return IFI_KEYS.filter((k) => v[k] !== undefined).length;
}

/** An Agent has exactly one Inverse Functional Identifier. */
export function agentRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v)) return [];
  const n = ifiCount(v);
  if (n === 1) return [];
  return [
    {
      path: [],
      message:
        n === 0
          ? 'Agent には識別子（mbox、mbox_sha1sum、openid、account のいずれか）が 1 つ必要です'
          : 'Agent の識別子は 1 つだけにしてください',
    },
  ];
}

/** A Group has at most one identifier; an anonymous Group (none) needs members. */
export function groupRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v)) return [];
  const n = ifiCount(v);
  const issues: RuleIssue[] = [];
  if (n > 1) issues.push({ path: [], message: 'Group の識別子は 1 つだけにしてください' });
  if (n === 0 && (!Array.isArray(v.member) || v.member.length === 0))
    issues.push({ path: ['member'], message: '識別子のない Group（匿名グループ）には member が必要です' });
  return issues;
}

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;
export const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
const ALLOWED_COMPONENTS: Record<(typeof INTERACTION_TYPES)[number], readonly string[]> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};

/**
 * An Activity definition: correctResponsesPattern and component lists need an interactionType,
 * only the lists that type allows, and component ids unique within a list.
 */
export function definitionRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v)) return [];
  const issues: RuleIssue[] = [];
  const type = v.interactionType as (typeof INTERACTION_TYPES)[number] | undefined;
  const allowed = (type && ALLOWED_COMPONENTS[type]) || [];
  if (v.correctResponsesPattern !== undefined && !type)
    issues.push({
      path: ['correctResponsesPattern'],
      message: 'correctResponsesPattern には interactionType が必要です',
    });
  for (const list of COMPONENT_LISTS) {
    const components = v[list];
    if (components === undefined) continue;
    if (!allowed.includes(list))
      issues.push({
        path: [list],
        message: type
          ? `interactionType "${type}" では ${list} は使えません`
          : `${list} には interactionType が必要です`,
      });
    if (!Array.isArray(components)) continue;
    const ids = new Set<unknown>();
    components.forEach((c: unknown, i) => {
      const id = isRecord(c) ? c.id : undefined;
      if (ids.has(id)) issues.push({ path: [list, i, 'id'], message: `id "${String(id)}" が重複しています` });
      ids.add(id);
    });
  }
  return issues;
}

/** A score: min below max, raw between them. */
export function scoreRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v)) return [];
  const { raw, min, max } = v as { raw?: unknown; min?: unknown; max?: unknown };
  const issues: RuleIssue[] = [];
  const num = (x: unknown): x is number => typeof x === 'number';
  if (num(min) && num(max) && !(min < max))
    issues.push({ path: ['max'], message: 'max は min より大きくしてください' });
  if (num(raw) && num(min) && raw < min)
    issues.push({ path: ['raw'], message: 'raw は min 以上にしてください' });
  if (num(raw) && num(max) && raw > max)
    issues.push({ path: ['raw'], message: 'raw は max 以下にしてください' });
  return issues;
}

/** context.revision and context.platform only when the object is an Activity (SubStatements too). */
export function contextRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v) || !isRecord(v.context)) return [];
  const type = objectTypeOf(v.object);
  if (type === undefined || type === 'Activity') return [];
  const context = v.context;
  return (['revision', 'platform'] as const)
    .filter((key) => context[key] !== undefined)
    .map((key) => ({
      path: ['context', key],
      message: `context.${key} は object が Activity のときだけ使えます`,
    }));
}

/** A statement: the context rule, and a voiding statement's object is a StatementRef. */
export function statementRuleIssues(v: unknown): RuleIssue[] {
  if (!isRecord(v)) return [];
  const issues = contextRuleIssues(v);
  const verbId = isRecord(v.verb) ? v.verb.id : undefined;
  if (verbId === VOIDED_VERB && objectTypeOf(v.object) !== 'StatementRef')
    issues.push({
      path: ['object'],
      message: '無効化（voided）のステートメントの object は StatementRef です',
    });
  return issues;
}
