/**
 * xAPI 1.0.3 statement validation (Part Two "Statements", Part Three "Data Validation"): the shape
 * with zod strict objects, plus the pure rules zod cannot express (one Inverse Functional Identifier,
 * revision/platform only with an Activity, the voided verb's StatementRef, score ranges, …).
 * Pure: no database, no clock. The LRS stores a statement exactly as sent, so the parsed value is
 * only used to collect issues; callers keep the original JSON.
 */
import { z } from 'zod';
import { passesFastCheck } from './fast-check.ts';
import {
  agentRuleIssues,
  contextRuleIssues,
  definitionRuleIssues,
  groupRuleIssues,
  ifiCount,
  INTERACTION_TYPES,
  isRecord,
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMailto,
  isMediaType,
  isSha1,
  isSha2,
  isTimestamp,
  isUuid,
  isVersion,
  objectTypeOf,
  scoreRuleIssues,
  statementRuleIssues,
  type RuleIssue,
} from './statement-rules.ts';

export {
  VOIDED_VERB,
  isDuration,
  isIri,
  isLanguageTag,
  isTimestamp,
  isUuid,
  timestampMs,
} from './statement-rules.ts';

export interface ValidationIssue {
  /** property path, e.g. `actor.mbox` or `[3].context.contextActivities.parent[0].id` */
  path: string;
  message: string;
}

/** Adds a pure rule's issues (statement-rules.ts) to a zod refinement. */
const addRuleIssues = (issues: readonly RuleIssue[], ctx: z.RefinementCtx) => {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
};

const iri = z.string().refine(isIri, 'IRI（スキームを含む、空白のない識別子）が必要です');
const irl = z.string().refine(isIrl, 'IRL（URL）が必要です');
const uuid = z.string().refine(isUuid, 'UUID（標準の文字列形式）が必要です');
const timestamp = z
  .string()
  .refine(isTimestamp, 'タイムゾーン付きの ISO 8601 日時（例: 2026-05-01T09:30:00+09:00）が必要です');
const languageMap = z.record(
  z.string().refine(isLanguageTag, '言語タグ（RFC 5646、例: ja-JP）が必要です'),
  z.string(),
);
const extensions = z.record(iri, z.unknown());

// ---------------------------------------------------------------------------------------------
// Agents and Groups
// ---------------------------------------------------------------------------------------------

const account = z.strictObject({ homePage: irl, name: z.string().min(1, '空でない name が必要です') });
const agentProps = {
  name: z.string().optional(),
  mbox: z.string().refine(isMailto, '"mailto:" で始まるメールアドレスが必要です').optional(),
  mbox_sha1sum: z.string().refine(isSha1, '40 桁の 16 進 SHA-1 が必要です').optional(),
  openid: iri.optional(),
  account: account.optional(),
};

const agent = z
  .strictObject({ objectType: z.literal('Agent').optional(), ...agentProps })
  .superRefine((v, ctx) => addRuleIssues(agentRuleIssues(v), ctx));

const group = z
  .strictObject({ objectType: z.literal('Group'), ...agentProps, member: z.array(agent).optional() })
  .superRefine((v, ctx) => addRuleIssues(groupRuleIssues(v), ctx));

/** Validates with the schema `pick` chooses for the value, forwarding its issues under this path. */
function dispatch(pick: (value: unknown) => z.ZodType) {
  return z.unknown().superRefine((value, ctx) => {
    const result = pick(value).safeParse(value, PARSE);
    if (result.success) return;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: describeIssue(issue), path: issue.path, input: value });
  });
}

/** Issues carry the offending value so messages can say what was received. */
const PARSE = { reportInput: true } as const;

const notAnObject = z.custom<never>(() => false, 'オブジェクトが必要です');

/** Agent or Group, by objectType. */
const actor = dispatch((v) => (!isRecord(v) ? notAnObject : objectTypeOf(v) === 'Group' ? group : agent));
/** An Agent or an Identified Group (query parameters, documents). */
export const identifiedAgentSchema = dispatch((v) =>
  !isRecord(v) ? notAnObject : objectTypeOf(v) === 'Group' ? group : agent,
);

// ---------------------------------------------------------------------------------------------
// Verb, Activity, Result, Context, Attachments
// ---------------------------------------------------------------------------------------------

const verb = z.strictObject({ id: iri, display: languageMap.optional() });

const interactionComponent = z.strictObject({
  id: z.string().min(1, '空でない id が必要です'),
  description: languageMap.optional(),
});

const activityDefinition = z
  .strictObject({
    name: languageMap.optional(),
    description: languageMap.optional(),
    type: iri.optional(),
    moreInfo: irl.optional(),
    interactionType: z.enum(INTERACTION_TYPES).optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: z.array(interactionComponent).optional(),
    scale: z.array(interactionComponent).optional(),
    source: z.array(interactionComponent).optional(),
    target: z.array(interactionComponent).optional(),
    steps: z.array(interactionComponent).optional(),
    extensions: extensions.optional(),
  })
  .superRefine((v, ctx) => addRuleIssues(definitionRuleIssues(v), ctx));

const activity = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iri,
  definition: activityDefinition.optional(),
});

const statementRef = z.strictObject({ objectType: z.literal('StatementRef'), id: uuid });

const score = z
  .strictObject({
    scaled: z.number().min(-1).max(1).optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((v, ctx) => addRuleIssues(scoreRuleIssues(v), ctx));

const result = z.strictObject({
  score: score.optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  response: z.string().optional(),
  duration: z.string().refine(isDuration, 'ISO 8601 の期間（例: PT1M30S）が必要です').optional(),
  extensions: extensions.optional(),
});

const activityOrList = z.union([activity, z.array(activity)], {
  error: 'Activity または Activity の配列が必要です',
});
const contextActivities = z.strictObject({
  parent: activityOrList.optional(),
  grouping: activityOrList.optional(),
  category: activityOrList.optional(),
  other: activityOrList.optional(),
});

const context = z.strictObject({
  registration: uuid.optional(),
  instructor: actor.optional(),
  team: group.optional(),
  contextActivities: contextActivities.optional(),
  revision: z.string().optional(),
  platform: z.string().optional(),
  language: z.string().refine(isLanguageTag, '言語タグ（RFC 5646）が必要です').optional(),
  statement: statementRef.optional(),
  extensions: extensions.optional(),
});

const attachment = z.strictObject({
  usageType: iri,
  display: languageMap,
  description: languageMap.optional(),
  contentType: z.string().refine(isMediaType, 'メディアタイプが必要です'),
  length: z.number().int().nonnegative(),
  sha2: z.string().refine(isSha2, 'SHA-2（SHA-224/256/384/512）の 16 進文字列が必要です'),
  fileUrl: irl.optional(),
});

/** Object of a SubStatement: anything but another SubStatement. */
const subStatementObject = dispatch((v) => {
  if (!isRecord(v)) return notAnObject;
  switch (objectTypeOf(v)) {
    case 'Agent':
      return agent;
    case 'Group':
      return group;
    case 'StatementRef':
      return statementRef;
    case 'SubStatement':
      return z.custom<never>(() => false, 'SubStatement の中に SubStatement は入れられません');
    default:
      return activity;
  }
});

const subStatement = z
  .strictObject({
    objectType: z.literal('SubStatement'),
    actor,
    verb,
    object: subStatementObject,
    result: result.optional(),
    context: context.optional(),
    timestamp: timestamp.optional(),
    attachments: z.array(attachment).optional(),
  })
  .superRefine((v, ctx) => addRuleIssues(contextRuleIssues(v), ctx));

const statementObject = dispatch((v) => {
  if (!isRecord(v)) return notAnObject;
  switch (objectTypeOf(v)) {
    case 'Agent':
      return agent;
    case 'Group':
      return group;
    case 'StatementRef':
      return statementRef;
    case 'SubStatement':
      return subStatement;
    case undefined:
    case 'Activity':
      return activity;
    default:
      return z.custom<never>(
        () => false,
        'objectType は Activity、Agent、Group、StatementRef、SubStatement のいずれかです',
      );
  }
});

export const statementSchema = z
  .strictObject({
    id: uuid.optional(),
    actor,
    verb,
    object: statementObject,
    result: result.optional(),
    context: context.optional(),
    timestamp: timestamp.optional(),
    stored: timestamp.optional(),
    authority: actor.optional(),
    version: z.string().refine(isVersion, 'version は 1.0.x です').optional(),
    attachments: z.array(attachment).optional(),
  })
  .superRefine((v, ctx) => addRuleIssues(statementRuleIssues(v), ctx));

// ---------------------------------------------------------------------------------------------
// Types of a validated statement (only what the LRS reads; the JSON is kept as sent)
// ---------------------------------------------------------------------------------------------

export interface Account {
  homePage: string;
  name: string;
}
export interface Agent {
  objectType?: 'Agent' | 'Group';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: Account;
  member?: Agent[];
}
export type LanguageMap = Record<string, string>;
export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}
export interface Activity {
  objectType?: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}
export interface StatementRef {
  objectType: 'StatementRef';
  id: string;
}
export interface Context {
  registration?: string;
  instructor?: Agent;
  team?: Agent;
  contextActivities?: Partial<Record<'parent' | 'grouping' | 'category' | 'other', Activity | Activity[]>>;
  platform?: string;
  language?: string;
  statement?: StatementRef;
  extensions?: Record<string, unknown>;
}
export interface Result {
  score?: { scaled?: number; raw?: number; min?: number; max?: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}
export interface Attachment {
  usageType: string;
  display: LanguageMap;
  description?: LanguageMap;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
}
export interface SubStatement {
  objectType: 'SubStatement';
  actor: Agent;
  verb: { id: string; display?: LanguageMap };
  object: Activity | Agent | StatementRef;
  result?: Result;
  context?: Context;
  timestamp?: string;
  attachments?: Attachment[];
}
export interface Statement {
  id?: string;
  actor: Agent;
  verb: { id: string; display?: LanguageMap };
  object: Activity | Agent | StatementRef | SubStatement;
  result?: Result;
  context?: Context;
  timestamp?: string;
  stored?: string;
  authority?: Agent;
  version?: string;
  attachments?: Attachment[];
}

// ---------------------------------------------------------------------------------------------
// Issues → messages
// ---------------------------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: '真偽値（true / false）',
  object: 'オブジェクト',
  array: '配列',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'ありません';
  if (Array.isArray(input)) return '配列';
  return TYPE_NAMES[typeof input] ?? typeof input;
}

const ja = z.locales.ja().localeError;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_key')
    return issue.issues[0] ? describeIssue(issue.issues[0]) : messageOf(issue);
  if (issue.code === 'invalid_type')
    return issue.input === undefined
      ? '必須のプロパティがありません'
      : `${TYPE_NAMES[issue.expected] ?? issue.expected}が必要です（受け取った値: ${received(issue.input)}）`;
  if (issue.code === 'unrecognized_keys') return `xAPI にないプロパティです: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_value')
    return `次のいずれかが必要です: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && !issue.message.startsWith('Too'))
    return issue.message;
  return messageOf(issue);
}

function messageOf(issue: z.core.$ZodIssue): string {
  const m = ja(issue as unknown as z.core.$ZodRawIssue);
  return typeof m === 'string' ? m : (m?.message ?? issue.message);
}

/** `['context', 'contextActivities', 'parent', 0, 'id']` → `context.contextActivities.parent[0].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[]): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]) || '(statement)',
    message: describeIssue(issue),
  }));
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** One statement. `prefix` is prepended to issue paths (the index within a batch). */
export function validateStatement(raw: unknown, prefix: readonly PropertyKey[] = []): Validated<Statement> {
  if (!isRecord(raw))
    return {
      ok: false,
      issues: [
        { path: formatPath(prefix) || '(statement)', message: 'ステートメントは JSON オブジェクトです' },
      ],
    };
  // kept as sent once a check below has found it to be a statement
  const statement = raw as unknown as Statement;
  // the compiled check accepts nearly every valid statement at a fraction of zod's cost; what it
  // does not accept, zod decides and explains
  if (passesFastCheck(raw)) return { ok: true, value: statement };
  const parsed = statementSchema.safeParse(raw, PARSE);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, prefix) };
  return { ok: true, value: statement };
}

/**
 * A POST body: one statement or an array of them. All-or-nothing: any invalid statement rejects
 * the batch, and two statements with the same id do too.
 */
export function validateStatementBatch(body: unknown): Validated<Statement[]> {
  const list = Array.isArray(body) ? body : [body];
  const batch = Array.isArray(body);
  if (list.length === 0)
    return { ok: false, issues: [{ path: '(body)', message: 'ステートメントが 1 件もありません' }] };
  const issues: ValidationIssue[] = [];
  const statements: Statement[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const r = validateStatement(list[i], batch ? [i] : []);
    if (!r.ok) {
      issues.push(...r.issues);
      if (issues.length >= 50) break;
      continue;
    }
    const id = r.value.id?.toLowerCase();
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined)
        issues.push({
          path: formatPath(batch ? [i, 'id'] : ['id']),
          message: `id ${r.value.id} は [${first}] と重複しています`,
        });
      else ids.set(id, i);
    }
    statements.push(r.value);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: statements };
}

/** An agent query parameter (JSON). Groups are allowed only when `allowGroup`. */
export function parseAgentParam(
  name: string,
  value: string,
  options: { allowGroup: boolean },
): Validated<Agent> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, issues: [{ path: name, message: 'JSON の Agent オブジェクトが必要です' }] };
  }
  const r = identifiedAgentSchema.safeParse(parsed, PARSE);
  if (!r.success) return { ok: false, issues: issuesOf(r.error, [name]) };
  const agentValue = parsed as Agent;
  if (agentValue.objectType === 'Group' && !options.allowGroup)
    return { ok: false, issues: [{ path: name, message: 'Group ではなく Agent が必要です' }] };
  if (ifiCount(agentValue as Record<string, unknown>) !== 1)
    return { ok: false, issues: [{ path: name, message: '識別子（IFI）を 1 つ持つ Agent が必要です' }] };
  return { ok: true, value: agentValue };
}
