/**
 * Typed learning events derived from xAPI statements (pure). A statement of a known shape whose
 * agent resolves to a person of the client's municipality also becomes a row of `drill_answers`,
 * `interactions` or `ict_usage`; anything else is only stored as sent. The conventions are
 * documented in docs/xapi.md ("Typed learning events").
 */
import { DEVICE_KINDS, SUBJECT_CODES, USAGE_PURPOSES, type SubjectCode } from '@edukarte/shared';
import { sourceKeyOf } from './statement-facts.ts';
import { timestampMs, type Activity, type Agent, type Statement } from './validate.ts';

/** Extension IRIs edukarte reads (in object.definition.extensions or context.extensions). */
export const EXT = {
  subject: 'https://w3id.org/edukarte/xapi/ext/subject',
  unit: 'https://w3id.org/edukarte/xapi/ext/unit',
  item: 'https://w3id.org/edukarte/xapi/ext/item',
  owner: 'https://w3id.org/edukarte/xapi/ext/owner',
  device: 'https://w3id.org/edukarte/xapi/ext/device',
  purpose: 'https://w3id.org/edukarte/xapi/ext/purpose',
} as const;

export const DRILL_VERBS: ReadonlySet<string> = new Set([
  'http://adlnet.gov/expapi/verbs/answered',
  'http://adlnet.gov/expapi/verbs/completed',
]);

export const INTERACTION_VERBS: ReadonlyMap<string, 'view' | 'like' | 'comment'> = new Map([
  ['http://id.tincanapi.com/verb/viewed', 'view'],
  ['http://adlnet.gov/expapi/verbs/experienced', 'view'],
  ['http://activitystrea.ms/schema/1.0/like', 'like'],
  ['https://w3id.org/edukarte/xapi/verbs/liked', 'like'],
  ['http://adlnet.gov/expapi/verbs/commented', 'comment'],
]);

export const USAGE_VERBS: ReadonlySet<string> = new Set([
  'http://adlnet.gov/expapi/verbs/launched',
  'http://activitystrea.ms/schema/1.0/use',
  'https://w3id.org/edukarte/xapi/verbs/used',
]);

export interface LearningTool {
  id: number;
  kind: 'drill' | 'lesson_support' | 'survey' | 'portfolio' | 'other';
  name: string;
  launchUrl: string | null;
}

/** A person an agent resolved to, with where they were on the statement's date. */
export interface ResolvedPerson {
  personId: number;
  kind: 'student' | 'staff';
  /** the school of their enrollment (student) or staff assignment (staff) on that date */
  schoolId: number | null;
  schoolKind: string | null;
  /** the class of their enrollment on that date (students) */
  classId: number | null;
}

export interface DrillRow {
  schoolId: number;
  studentId: number;
  toolId: number;
  answeredAt: string;
  subjectCode: SubjectCode;
  unitCode: string;
  itemCode: string;
  isCorrect: boolean;
  durationMs: number;
  statementId: string;
}

export interface InteractionRow {
  schoolId: number;
  classId: number;
  actorId: number;
  targetId: number;
  kind: 'view' | 'like' | 'comment';
  occurredAt: string;
  toolId: number;
  artifactRef: string | null;
  statementId: string;
}

export interface UsageRow {
  schoolId: number;
  personId: number;
  classId: number | null;
  toolId: number;
  device: (typeof DEVICE_KINDS)[number];
  purpose: (typeof USAGE_PURPOSES)[number];
  startedAt: string;
  minutes: number;
  statementId: string;
}

export type TypedEvent =
  | { kind: 'drill'; row: DrillRow }
  | { kind: 'interaction'; row: InteractionRow }
  | { kind: 'usage'; row: UsageRow };

export interface MappingLookups {
  /** the person behind an agent on a Japan date, when known */
  person: (agent: Agent, date: string) => ResolvedPerson | null;
  tools: readonly LearningTool[];
  /** subject of a learning_units code */
  unitSubject: (unitCode: string) => SubjectCode | undefined;
}

// ---------------------------------------------------------------------------------------------

const DURATION_PART = /(\d+(?:[.,]\d+)?)([YMWDHS])/g;
const UNIT_MS: Record<string, number> = {
  Y: 365 * 86_400_000,
  W: 7 * 86_400_000,
  D: 86_400_000,
  H: 3_600_000,
  S: 1000,
};

/** Seconds only (`PT42.5S`): what drills send, read without the general loop. */
const SECONDS_ONLY = /^PT(\d+(?:[.,]\d+)?)S$/;

/** ISO 8601 duration → milliseconds (a year is 365 days, a month 30). Null when absent or invalid. */
export function durationMs(duration: string | undefined): number | null {
  if (!duration || !duration.startsWith('P')) return null;
  const seconds = SECONDS_ONLY.exec(duration);
  if (seconds) return Math.round(Number(seconds[1]!.replace(',', '.')) * 1000);
  const [date = '', time = ''] = duration.slice(1).split('T');
  let total = 0;
  for (const [part, isTime] of [
    [date, false],
    [time, true],
  ] as const) {
    for (const m of part.matchAll(DURATION_PART)) {
      const value = Number(m[1]!.replace(',', '.'));
      const unit = m[2]!;
      total += value * (unit === 'M' ? (isTime ? 60_000 : 30 * 86_400_000) : (UNIT_MS[unit] ?? 0));
    }
  }
  return Math.round(total);
}

/** A timestamp already in Japan time (+09:00, +0900, +09): its date is its first ten characters. */
const IN_JAPAN_TIME = /^\d{4}-\d{2}-\d{2}T[^Z+-]*\+09(?::?00)?$/;

/** The date in Japan (UTC+9, no daylight saving) of an ISO timestamp. */
export function japanDate(timestamp: string): string {
  // what Japanese vendors send: no date arithmetic needed (three calls per statement on ingest)
  if (IN_JAPAN_TIME.test(timestamp)) return timestamp.slice(0, 10);
  return new Date(timestampMs(timestamp) + 9 * 3_600_000).toISOString().slice(0, 10);
}

function isActivity(o: Statement['object']): o is Activity {
  const t = (o as { objectType?: string }).objectType;
  return t === undefined || t === 'Activity';
}

function extension(statement: Statement, key: string): unknown {
  const object = statement.object;
  const fromObject = isActivity(object) ? object.definition?.extensions?.[key] : undefined;
  return fromObject ?? statement.context?.extensions?.[key];
}

function stringExtension(statement: Statement, key: string): string | undefined {
  const v = extension(statement, key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** The last path segment of an IRI (`https://drill.example.jp/items/MATH-P5-03-07` → `MATH-P5-03-07`). */
export function lastSegment(iri: string): string | undefined {
  const path = iri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
  const segment = path.slice(slash + 1);
  if (segment === '') return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parentIds(statement: Statement): string[] {
  const parent = statement.context?.contextActivities?.parent;
  if (!parent) return [];
  return (Array.isArray(parent) ? parent : [parent]).map((a) => a.id);
}

const isSubject = (v: string): v is SubjectCode => (SUBJECT_CODES as readonly string[]).includes(v);

/**
 * Subject, unit and item of a drill statement:
 * 1. the edukarte extensions `unit`, `item`, `subject`;
 * 2. item: otherwise the last path segment of the activity id;
 * 3. unit: otherwise the last path segment of a `parent` context activity that is a known unit,
 *    or the longest known unit code the item code starts with (`MATH-P5-03-07` → `MATH-P5-03`);
 * 4. subject: otherwise the unit's subject in learning_units.
 */
export function drillItemOf(
  statement: Statement,
  unitSubject: (code: string) => SubjectCode | undefined,
): { subjectCode: SubjectCode; unitCode: string; itemCode: string } | null {
  if (!isActivity(statement.object)) return null;
  const itemCode = stringExtension(statement, EXT.item) ?? lastSegment(statement.object.id);
  if (!itemCode) return null;
  let unitCode = stringExtension(statement, EXT.unit);
  if (!unitCode)
    unitCode = parentIds(statement)
      .map(lastSegment)
      .find((s): s is string => s !== undefined && unitSubject(s) !== undefined);
  if (!unitCode) {
    const parts = itemCode.split('-');
    for (let n = parts.length - 1; n > 0 && !unitCode; n--) {
      const candidate = parts.slice(0, n).join('-');
      if (unitSubject(candidate)) unitCode = candidate;
    }
  }
  if (!unitCode) return null;
  const subjectExt = stringExtension(statement, EXT.subject)?.toUpperCase();
  const subjectCode = subjectExt && isSubject(subjectExt) ? subjectExt : unitSubject(unitCode);
  if (!subjectCode) return null;
  return { subjectCode, unitCode, itemCode };
}

const parseOrigin = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

/** `http(s)://` and the authority, up to the path, query or fragment: all a URL's origin depends on. */
const SCHEME_AND_AUTHORITY = /^https?:\/\/[^/?#\\]*/i;
const originsByPrefix = new Map<string, string | null>();

/**
 * The origin of an http(s) URL, else null. Statements of one vendor share a handful of origins,
 * so each scheme-and-authority prefix is parsed once (the activity ids differ in their paths).
 */
function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  const prefix = SCHEME_AND_AUTHORITY.exec(url)?.[0];
  if (prefix === undefined) return parseOrigin(url);
  let origin = originsByPrefix.get(prefix);
  if (origin === undefined) {
    origin = parseOrigin(prefix);
    if (originsByPrefix.size >= 10_000) originsByPrefix.clear();
    originsByPrefix.set(prefix, origin);
  }
  return origin;
}

/** The first tool of each launch URL origin, per tools list (a list is reused for a whole batch). */
const toolIndexes = new WeakMap<readonly LearningTool[], Map<string, LearningTool>>();
function toolByOrigin(tools: readonly LearningTool[]): Map<string, LearningTool> {
  let index = toolIndexes.get(tools);
  if (!index) {
    index = new Map();
    for (const t of tools) {
      const origin = originOf(t.launchUrl);
      if (origin !== null && !index.has(origin)) index.set(origin, t);
    }
    toolIndexes.set(tools, index);
  }
  return index;
}

/**
 * The learning tool a statement came from: the tool whose launch URL has the origin of the
 * activity id, else of the actor's account homePage; else the tool named by context.platform.
 */
export function toolOf(statement: Statement, tools: readonly LearningTool[]): LearningTool | null {
  const byOrigin = toolByOrigin(tools);
  const candidates = [
    isActivity(statement.object) ? originOf(statement.object.id) : null,
    originOf(statement.actor.account?.homePage),
  ];
  for (const origin of candidates) {
    if (!origin) continue;
    const tool = byOrigin.get(origin);
    if (tool) return tool;
  }
  const platform = statement.context?.platform;
  return (platform && tools.find((t) => t.name === platform)) || null;
}

function ownerOf(statement: Statement): Agent | null {
  const object = statement.object as { objectType?: string };
  if (object.objectType === 'Agent') return statement.object as Agent;
  const owner = extension(statement, EXT.owner);
  if (owner && typeof owner === 'object' && !Array.isArray(owner) && sourceKeyOf(owner)) return owner;
  return null;
}

const isDevice = (v: string | undefined): v is UsageRow['device'] =>
  (DEVICE_KINDS as readonly (string | undefined)[]).includes(v);
const isPurpose = (v: string | undefined): v is UsageRow['purpose'] =>
  (USAGE_PURPOSES as readonly (string | undefined)[]).includes(v);

const DEFAULT_PURPOSE: Record<LearningTool['kind'], UsageRow['purpose']> = {
  drill: 'drill',
  survey: 'survey',
  lesson_support: 'lesson',
  portfolio: 'lesson',
  other: 'other',
};

/** The typed event of one stored statement, or null when its shape or people are unknown. */
export function typedEventOf(
  statement: Statement,
  id: string,
  timestamp: string,
  lookups: MappingLookups,
): TypedEvent | null {
  const verb = statement.verb.id;
  const actorType = statement.actor.objectType;
  if (actorType === 'Group') return null;
  const date = japanDate(timestamp);

  if (DRILL_VERBS.has(verb)) {
    const success = statement.result?.success;
    if (typeof success !== 'boolean') return null;
    const person = lookups.person(statement.actor, date);
    if (!person || person.kind !== 'student' || person.schoolId === null) return null;
    const tool = toolOf(statement, lookups.tools);
    const item = tool && drillItemOf(statement, lookups.unitSubject);
    if (!tool || !item) return null;
    const ms = durationMs(statement.result?.duration) ?? 0;
    return {
      kind: 'drill',
      row: {
        schoolId: person.schoolId,
        studentId: person.personId,
        toolId: tool.id,
        answeredAt: timestamp,
        ...item,
        isCorrect: success,
        durationMs: Math.min(ms, 2_147_483_647),
        statementId: id,
      },
    };
  }

  const interaction = INTERACTION_VERBS.get(verb);
  if (interaction) {
    const ownerAgent = ownerOf(statement);
    const actor = lookups.person(statement.actor, date);
    const target = ownerAgent && lookups.person(ownerAgent, date);
    if (!actor || !target) return null;
    const where = actor.classId !== null ? actor : target.classId !== null ? target : null;
    const tool = toolOf(statement, lookups.tools);
    if (!where || where.schoolId === null || where.classId === null || !tool) return null;
    return {
      kind: 'interaction',
      row: {
        schoolId: where.schoolId,
        classId: where.classId,
        actorId: actor.personId,
        targetId: target.personId,
        kind: interaction,
        occurredAt: timestamp,
        toolId: tool.id,
        artifactRef: isActivity(statement.object) ? statement.object.id : null,
        statementId: id,
      },
    };
  }

  if (USAGE_VERBS.has(verb)) {
    const person = lookups.person(statement.actor, date);
    const tool = toolOf(statement, lookups.tools);
    if (!person || person.schoolId === null || !tool) return null;
    const deviceExt = stringExtension(statement, EXT.device)?.toLowerCase();
    const purposeExt = stringExtension(statement, EXT.purpose)?.toLowerCase();
    const device: UsageRow['device'] = isDevice(deviceExt)
      ? deviceExt
      : person.kind === 'staff'
        ? 'pc'
        : person.schoolKind === 'elementary'
          ? 'tablet'
          : 'chromebook';
    const purpose: UsageRow['purpose'] = isPurpose(purposeExt) ? purposeExt : DEFAULT_PURPOSE[tool.kind];
    return {
      kind: 'usage',
      row: {
        schoolId: person.schoolId,
        personId: person.personId,
        classId: person.classId,
        toolId: tool.id,
        device,
        purpose,
        startedAt: timestamp,
        minutes: Math.round((durationMs(statement.result?.duration) ?? 0) / 60_000),
        statementId: id,
      },
    };
  }
  return null;
}

/** The agents whose people a statement's typed event needs (actor, and the owner of an interaction). */
export function agentsToResolve(statement: Statement): Agent[] {
  const verb = statement.verb.id;
  if (statement.actor.objectType === 'Group') return [];
  if (DRILL_VERBS.has(verb) || USAGE_VERBS.has(verb)) return [statement.actor];
  if (INTERACTION_VERBS.has(verb)) {
    const owner = ownerOf(statement);
    return owner ? [statement.actor, owner] : [statement.actor];
  }
  return [statement.actor];
}
