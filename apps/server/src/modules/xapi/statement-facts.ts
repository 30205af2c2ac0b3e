/**
 * Pure facts about validated statements: Inverse Functional Identifier keys, the agents and
 * activities a statement relates to (for the agent/activity filters), statement comparison for
 * idempotent re-posts, and the `ids` / `canonical` output formats.
 */
import type { Activity, Agent, LanguageMap, Statement, SubStatement } from './validate.ts';
import { timestampMs, VOIDED_VERB } from './validate.ts';

/**
 * The key an Agent or Identified Group is found by: `mbox:mailto:…` (domain lower-cased),
 * `mbox_sha1sum:…`, `openid:…` or `account:<homePage>|<name>`. Null for an Anonymous Group.
 */
export function agentKey(agent: Agent): string | null {
  if (agent.mbox !== undefined) return `mbox:${normaliseMbox(agent.mbox)}`;
  if (agent.mbox_sha1sum !== undefined) return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid !== undefined) return `openid:${agent.openid}`;
  if (agent.account !== undefined) return `account:${agent.account.homePage}|${agent.account.name}`;
  return null;
}

/** The domain part of an e-mail address is case-insensitive: lower-case it. */
export function normaliseMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at < 0 ? mbox : `${mbox.slice(0, at)}${mbox.slice(at).toLowerCase()}`;
}

/**
 * Where the person behind an agent is looked up in `source_identities(system, source_id)`:
 * - account: system = the account's homePage, source_id = the account name
 *   (a drill vendor's `{ homePage: 'https://drill.example.jp', name: 'S-000123' }`);
 * - mbox: system = `'mbox'`, source_id = the address without `mailto:` and lower-cased;
 * - openid: system = `'openid'`, source_id = the URI.
 * mbox_sha1sum cannot name a person and is not looked up.
 */
export function sourceKeyOf(agent: Agent): { system: string; sourceId: string } | null {
  if (agent.account !== undefined) return { system: agent.account.homePage, sourceId: agent.account.name };
  if (agent.mbox !== undefined)
    return { system: 'mbox', sourceId: agent.mbox.slice('mailto:'.length).toLowerCase() };
  if (agent.openid !== undefined) return { system: 'openid', sourceId: agent.openid };
  return null;
}

const isGroup = (a: Agent) => a.objectType === 'Group';
const isAgentObject = (o: unknown): o is Agent => {
  const t = (o as { objectType?: unknown }).objectType;
  return t === 'Agent' || t === 'Group';
};
const isActivityObject = (o: unknown): o is Activity => {
  const t = (o as { objectType?: unknown }).objectType;
  return t === undefined || t === 'Activity';
};

function pushAgent(into: Set<string>, agent: Agent | undefined): void {
  if (!agent) return;
  const key = agentKey(agent);
  if (key) into.add(key);
  if (isGroup(agent)) for (const m of agent.member ?? []) pushAgent(into, m);
}

function contextActivityIds(s: Statement | SubStatement): string[] {
  const ca = s.context?.contextActivities;
  if (!ca) return [];
  const ids: string[] = [];
  for (const value of [ca.parent, ca.grouping, ca.category, ca.other]) {
    if (!value) continue;
    for (const a of Array.isArray(value) ? value : [value]) ids.push(a.id);
  }
  return ids;
}

export interface StatementFacts {
  /** key of the actor (an Anonymous Group gets `anon:<statement id>`) */
  actorKey: string;
  /** key of the object when it is an Agent or Identified Group */
  objectAgentKey: string | null;
  activityId: string | null;
  registration: string | null;
  /**
   * agents besides the actor (actorKey) and the LRS's authority: object agent, instructor, team
   * (and group members), also inside a SubStatement. The related_agents filter matches these, the
   * actor and the authority.
   */
  relatedAgents: string[];
  /** activities besides the object (activityId): context activities, also inside a SubStatement */
  relatedActivities: string[];
  /** the statement this one voids */
  voids: string | null;
  /** the statement a StatementRef object points at (voiding or not) */
  statementRef: string | null;
}

export function factsOf(statement: Statement, id: string): StatementFacts {
  const agents = new Set<string>();
  const activities = new Set<string>();
  const collect = (s: Statement | SubStatement) => {
    pushAgent(agents, s.actor);
    if (isAgentObject(s.object)) pushAgent(agents, s.object);
    pushAgent(agents, s.context?.instructor);
    pushAgent(agents, s.context?.team);
    if (isActivityObject(s.object)) activities.add(s.object.id);
    for (const a of contextActivityIds(s)) activities.add(a);
  };
  collect(statement);
  const object = statement.object;
  if ((object as { objectType?: string }).objectType === 'SubStatement') collect(object as SubStatement);
  const statementRef =
    (object as { objectType?: string }).objectType === 'StatementRef'
      ? (object as { id: string }).id.toLowerCase()
      : null;
  const actorKey = agentKey(statement.actor) ?? `anon:${id}`;
  const activityId = isActivityObject(object) ? object.id : null;
  agents.delete(actorKey);
  if (activityId !== null) activities.delete(activityId);
  return {
    actorKey,
    objectAgentKey: isAgentObject(object) ? agentKey(object) : null,
    activityId,
    registration: statement.context?.registration?.toLowerCase() ?? null,
    relatedAgents: [...agents],
    relatedActivities: [...activities],
    voids: statement.verb.id === VOIDED_VERB ? statementRef : null,
    statementRef,
  };
}

// ---------------------------------------------------------------------------------------------
// Statement comparison (Part Two 2.3.1): differences the LRS may have caused are ignored
// ---------------------------------------------------------------------------------------------

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function comparable(statement: Record<string, unknown>, ignoreTimestamp: boolean): unknown {
  const stripAgent = (a: unknown): unknown => {
    if (!a || typeof a !== 'object') return a;
    const agent = { ...(a as Record<string, unknown>) };
    if (typeof agent.mbox === 'string') agent.mbox = normaliseMbox(agent.mbox);
    if (agent.objectType === 'Agent' && agent !== a) delete agent.objectType;
    if (Array.isArray(agent.member)) agent.member = agent.member.map(stripAgent).map(canonicalJson).sort();
    return agent;
  };
  const stripActivity = (a: unknown): unknown => {
    if (!a || typeof a !== 'object') return a;
    const rest = { ...(a as Record<string, unknown>) };
    delete rest.definition;
    delete rest.objectType;
    return rest;
  };
  const stripContext = (c: unknown): unknown => {
    if (!c || typeof c !== 'object') return c;
    const context = { ...(c as Record<string, unknown>) };
    if (typeof context.registration === 'string') context.registration = context.registration.toLowerCase();
    if (context.instructor) context.instructor = stripAgent(context.instructor);
    if (context.team) context.team = stripAgent(context.team);
    const ca = context.contextActivities as Record<string, unknown> | undefined;
    if (ca) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(ca)) out[k] = (Array.isArray(v) ? v : [v]).map(stripActivity);
      context.contextActivities = out;
    }
    return context;
  };
  const strip = (s: Record<string, unknown>, top: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...s };
    if (top) {
      delete out.id;
      delete out.stored;
      delete out.authority;
      delete out.version;
      if (ignoreTimestamp) delete out.timestamp;
    }
    // the same point in time in another time zone is the same timestamp
    if (typeof out.timestamp === 'string') out.timestamp = timestampMs(out.timestamp);
    out.actor = stripAgent(out.actor);
    const verb = out.verb as Record<string, unknown> | undefined;
    if (verb) out.verb = { id: verb.id };
    const object = out.object as Record<string, unknown> | undefined;
    if (object) {
      const type = object.objectType;
      if (type === undefined || type === 'Activity') out.object = stripActivity(object);
      else if (type === 'Agent' || type === 'Group') out.object = stripAgent(object);
      else if (type === 'SubStatement') out.object = strip(object, false);
      else if (type === 'StatementRef') out.object = { ...object, id: String(object.id).toLowerCase() };
    }
    if (out.context) out.context = stripContext(out.context);
    return out;
  };
  return strip(statement, true);
}

/**
 * Whether a re-posted statement matches the stored one, ignoring what the LRS sets (id, stored,
 * authority, version, a timestamp it filled in), timestamp serialisation, verb display, activity
 * definitions, group member order and the case of e-mail domains.
 */
export function sameStatement(incoming: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  const ignoreTimestamp = incoming.timestamp === undefined;
  return (
    canonicalJson(comparable(incoming, ignoreTimestamp)) ===
    canonicalJson(comparable(stored, ignoreTimestamp))
  );
}

// ---------------------------------------------------------------------------------------------
// Output formats
// ---------------------------------------------------------------------------------------------

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/** Minimum identifying information of an Agent or Group (format=ids). */
function idsAgent(a: unknown): unknown {
  if (!a || typeof a !== 'object') return a;
  const agent = a as Agent;
  const out: Record<string, unknown> = {};
  if (agent.objectType) out.objectType = agent.objectType;
  for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const)
    if (agent[k] !== undefined) out[k] = agent[k];
  if (agent.objectType === 'Group' && agentKey(agent) === null && agent.member)
    out.member = agent.member.map(idsAgent);
  return out;
}

/**
 * The best language of a language map for `preferred` (Accept-Language order): an exact tag, then
 * the same primary language, then Japanese, then the first entry.
 */
export function pickLanguage(map: LanguageMap, preferred: readonly string[]): LanguageMap {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  const lower = keys.map((k) => k.toLowerCase());
  const find = (want: string): string | undefined => {
    const w = want.toLowerCase();
    const exact = lower.indexOf(w);
    if (exact >= 0) return keys[exact];
    const primary = w.split('-')[0];
    const i = lower.findIndex((k) => k === primary || k.startsWith(`${primary}-`));
    return i >= 0 ? keys[i] : undefined;
  };
  for (const want of [...preferred.filter((p) => p !== '*'), 'ja']) {
    const key = find(want);
    if (key !== undefined) return { [key]: map[key]! };
  }
  const first = keys[0]!;
  return { [first]: map[first]! };
}

/** Accept-Language → tags by quality, best first. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.tag !== '' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((x) => x.tag);
}

function canonicalDefinition(definition: unknown, languages: readonly string[]): unknown {
  if (!definition || typeof definition !== 'object') return definition;
  const out: Record<string, unknown> = { ...(definition as Record<string, unknown>) };
  for (const key of ['name', 'description'])
    if (out[key] && typeof out[key] === 'object') out[key] = pickLanguage(out[key] as LanguageMap, languages);
  for (const list of ['choices', 'scale', 'source', 'target', 'steps'])
    if (Array.isArray(out[list]))
      out[list] = (out[list] as { id: string; description?: LanguageMap }[]).map((c) =>
        c.description ? { ...c, description: pickLanguage(c.description, languages) } : c,
      );
  return out;
}

/** Applies format=ids or format=canonical to a stored statement (exact returns it unchanged). */
export function formatStatement(
  statement: Record<string, unknown>,
  format: StatementFormat,
  languages: readonly string[],
): Record<string, unknown> {
  if (format === 'exact') return statement;
  const activity = (a: unknown): unknown => {
    if (!a || typeof a !== 'object') return a;
    const act = a as Record<string, unknown>;
    if (format === 'ids') return act.objectType ? { objectType: act.objectType, id: act.id } : { id: act.id };
    return act.definition ? { ...act, definition: canonicalDefinition(act.definition, languages) } : act;
  };
  const agentOf = (a: unknown) => (format === 'ids' ? idsAgent(a) : a);
  const verbOf = (v: unknown): unknown => {
    const verb = v as { id: string; display?: LanguageMap } | undefined;
    if (!verb) return verb;
    if (format === 'ids') return { id: verb.id };
    return verb.display ? { ...verb, display: pickLanguage(verb.display, languages) } : verb;
  };
  const contextOf = (c: unknown): unknown => {
    if (!c || typeof c !== 'object') return c;
    const context = { ...(c as Record<string, unknown>) };
    if (context.instructor) context.instructor = agentOf(context.instructor);
    if (context.team) context.team = agentOf(context.team);
    const ca = context.contextActivities as Record<string, unknown> | undefined;
    if (ca) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(ca)) out[k] = Array.isArray(v) ? v.map(activity) : activity(v);
      context.contextActivities = out;
    }
    return context;
  };
  const shape = (s: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...s, actor: agentOf(s.actor), verb: verbOf(s.verb) };
    const object = s.object as Record<string, unknown> | undefined;
    if (object) {
      const type = object.objectType;
      if (type === undefined || type === 'Activity') out.object = activity(object);
      else if (type === 'Agent' || type === 'Group') out.object = agentOf(object);
      else if (type === 'SubStatement') out.object = shape(object);
    }
    if (s.context) out.context = contextOf(s.context);
    if (s.authority) out.authority = agentOf(s.authority);
    return out;
  };
  return shape(statement);
}
