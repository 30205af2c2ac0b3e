/**
 * A compiled check (Ajv, JSON Schema) that accepts the statements learning tools send all day —
 * an Agent or Group doing something to an Activity, an Agent, a Group or a StatementRef, with
 * result and context — at a fraction of the zod schema's cost. It only ever says "valid": what it
 * does not accept (SubStatements, attachments, anything wrong) goes to the zod schema in
 * validate.ts, which decides and explains. So it must never accept what the zod schema refuses:
 * it uses the same formats and rules (statement-rules.ts), and a test mutates statements field by
 * field to hold the two to that.
 */
import { Ajv } from 'ajv';
import {
  agentRuleIssues,
  COMPONENT_LISTS,
  definitionRuleIssues,
  groupRuleIssues,
  INTERACTION_TYPES,
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMailto,
  isSha1,
  isTimestamp,
  isUuid,
  isVersion,
  scoreRuleIssues,
  statementRuleIssues,
  type RuleIssue,
} from './statement-rules.ts';

const RULES: Record<string, (value: unknown) => RuleIssue[]> = {
  agent: agentRuleIssues,
  group: groupRuleIssues,
  definition: definitionRuleIssues,
  score: scoreRuleIssues,
  statement: statementRuleIssues,
};

const ajv = new Ajv({ allErrors: false, strict: true, inlineRefs: false });
for (const [name, test] of Object.entries({
  'xapi-iri': isIri,
  'xapi-irl': isIrl,
  'xapi-uuid': isUuid,
  'xapi-timestamp': isTimestamp,
  'xapi-language-tag': isLanguageTag,
  'xapi-duration': isDuration,
  'xapi-mailto': isMailto,
  'xapi-sha1': isSha1,
  'xapi-version': isVersion,
}))
  ajv.addFormat(name, { type: 'string', validate: test });
ajv.addKeyword({
  keyword: 'xapiRule',
  type: 'object',
  schemaType: 'string',
  errors: false,
  validate: (rule: string, value: unknown) => RULES[rule]!(value).length === 0,
});

const string = { type: 'string' };
const number = { type: 'number' };
const format = (name: string) => ({ type: 'string', format: `xapi-${name}` });
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const strict = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const withObjectType = (type: string) => ({
  type: 'object',
  properties: { objectType: { const: type } },
  required: ['objectType'],
});
const agentProps = {
  name: string,
  mbox: format('mailto'),
  mbox_sha1sum: format('sha1'),
  openid: format('iri'),
  account: strict({ homePage: format('irl'), name: { type: 'string', minLength: 1 } }, ['homePage', 'name']),
};
const activities = { anyOf: [ref('activity'), { type: 'array', items: ref('activity') }] };

/** Each definition becomes its own compiled function (inlineRefs: false): small enough for V8 to optimise. */
const $defs = {
  languageMap: { type: 'object', propertyNames: format('language-tag'), additionalProperties: string },
  extensions: { type: 'object', propertyNames: format('iri') },
  agent: { ...strict({ objectType: { const: 'Agent' }, ...agentProps }), xapiRule: 'agent' },
  group: {
    ...strict(
      { objectType: { const: 'Group' }, ...agentProps, member: { type: 'array', items: ref('agent') } },
      ['objectType'],
    ),
    xapiRule: 'group',
  },
  actor: { if: withObjectType('Group'), then: ref('group'), else: ref('agent') },
  component: strict({ id: { type: 'string', minLength: 1 }, description: ref('languageMap') }, ['id']),
  definition: {
    ...strict({
      name: ref('languageMap'),
      description: ref('languageMap'),
      type: format('iri'),
      moreInfo: format('irl'),
      interactionType: { enum: INTERACTION_TYPES },
      correctResponsesPattern: { type: 'array', items: string },
      ...Object.fromEntries(
        COMPONENT_LISTS.map((list) => [list, { type: 'array', items: ref('component') }]),
      ),
      extensions: ref('extensions'),
    }),
    xapiRule: 'definition',
  },
  activity: strict({ objectType: { const: 'Activity' }, id: format('iri'), definition: ref('definition') }, [
    'id',
  ]),
  statementRef: strict({ objectType: { const: 'StatementRef' }, id: format('uuid') }, ['objectType', 'id']),
  /** Activity (the default), Agent, Group or StatementRef; SubStatements are left to zod. */
  object: {
    if: withObjectType('Agent'),
    then: ref('agent'),
    else: {
      if: withObjectType('Group'),
      then: ref('group'),
      else: { if: withObjectType('StatementRef'), then: ref('statementRef'), else: ref('activity') },
    },
  },
  result: strict({
    score: {
      ...strict({
        scaled: { type: 'number', minimum: -1, maximum: 1 },
        raw: number,
        min: number,
        max: number,
      }),
      xapiRule: 'score',
    },
    success: { type: 'boolean' },
    completion: { type: 'boolean' },
    response: string,
    duration: format('duration'),
    extensions: ref('extensions'),
  }),
  context: strict({
    registration: format('uuid'),
    instructor: ref('actor'),
    team: ref('group'),
    contextActivities: strict({
      parent: activities,
      grouping: activities,
      category: activities,
      other: activities,
    }),
    revision: string,
    platform: string,
    language: format('language-tag'),
    statement: ref('statementRef'),
    extensions: ref('extensions'),
  }),
};

const check = ajv.compile({
  $defs,
  ...strict(
    {
      id: format('uuid'),
      actor: ref('actor'),
      verb: strict({ id: format('iri'), display: ref('languageMap') }, ['id']),
      object: ref('object'),
      result: ref('result'),
      context: ref('context'),
      timestamp: format('timestamp'),
      stored: format('timestamp'),
      authority: ref('actor'),
      version: format('version'),
    },
    ['actor', 'verb', 'object'],
  ),
  xapiRule: 'statement',
});

/** True when the statement is certainly valid; false means "ask the zod schema". */
export function passesFastCheck(value: unknown): boolean {
  return check(value);
}
