/**
 * What /api/docs says about the two standard interfaces whose requests are not described by zod
 * contracts: the xAPI 1.0.3 LRS (/xapi) and the OneRoster 1.2 rostering API (/ims/oneroster).
 * Their parameters follow the specifications, which the descriptions name.
 */
import { ONEROSTER_SCOPES } from '../modules/clients/service.ts';

export const OPENAPI_TAGS = {
  xapi: 'xAPI 1.0.3 (LRS)',
  oneRoster: 'OneRoster 1.2 (Japan Profile)',
} as const;

/** What each of ONEROSTER_SCOPES grants, in its order (core, roster, demographics). */
const SCOPE_LABELS = ['名簿（コア）の読み取り', '名簿の読み取り', '属性情報の読み取り'];

export const SECURITY_SCHEMES = {
  xapiBasic: {
    type: 'http',
    scheme: 'basic',
    description:
      '連携アプリのキーとシークレット（管理画面「連携アプリ」または npm run clients -- add で登録）',
  },
  oneRosterOAuth: {
    type: 'oauth2',
    description: 'OAuth 2.0 client credentials（連携アプリの種類 oneroster）',
    flows: {
      clientCredentials: {
        tokenUrl: '/ims/oneroster/oauth/token',
        scopes: Object.fromEntries(ONEROSTER_SCOPES.map((scope, i) => [scope, SCOPE_LABELS[i] ?? scope])),
      },
    },
  },
} as const;

const XAPI_HEADERS =
  'すべての要求に `X-Experience-API-Version: 1.0.3`（1.0.x）が必要です。応答には `X-Experience-API-Version` と `X-Experience-API-Consistent-Through` が付きます。代替要求構文（POST + method パラメーター）にも対応します。';

export const XAPI_DOCS: Record<string, { summary: string; description: string }> = {
  statements: {
    summary: 'ステートメント（Statement Resource）',
    description: [
      'xAPI 1.0.3 Part Three 2.1。',
      '- POST: 1 件または配列（バッチは全件成功か全件失敗）。添付は multipart/mixed。応答は id の配列。',
      '- PUT `?statementId=`: 1 件を保存（204）。同じ id に別の内容は 409。',
      '- GET `?statementId=` / `?voidedStatementId=`: 1 件。',
      '- GET フィルター: agent, verb, activity, registration, related_activities, related_agents, since, until, limit, format (ids/exact/canonical), attachments, ascending。次のページは応答の `more`。StatementRef で一致したステートメントを参照するステートメントも返します。',
      '- voided 動詞のステートメントで対象を無効化します（対象が後から届いた場合も無効化）。',
      'ドリル解答・授業支援ツールのやりとり・アプリ起動は、型付きの学習イベントと日次集計にもなります。',
      XAPI_HEADERS,
    ].join('\n'),
  },
  'activities/state': {
    summary: '状態ドキュメント（State Resource）',
    description: `xAPI 1.0.3 Part Three 2.3。activityId, agent, registration, stateId（省略時は一覧、since）。GET / PUT / POST（JSON の結合）/ DELETE。${XAPI_HEADERS}`,
  },
  'activities/profile': {
    summary: 'アクティビティのプロファイル（Activity Profile Resource）',
    description: `xAPI 1.0.3 Part Three 2.7。activityId, profileId（省略時は一覧、since）。GET / PUT / POST / DELETE、If-Match / If-None-Match と ETag による同時更新の検出。${XAPI_HEADERS}`,
  },
  'agents/profile': {
    summary: 'エージェントのプロファイル（Agent Profile Resource）',
    description: `xAPI 1.0.3 Part Three 2.6。agent, profileId（省略時は一覧、since）。GET / PUT / POST / DELETE、If-Match / If-None-Match と ETag による同時更新の検出。${XAPI_HEADERS}`,
  },
  activities: {
    summary: 'アクティビティ（Activities Resource）',
    description: `xAPI 1.0.3 Part Three 2.5。GET ?activityId= で、この自治体のステートメントが与えた最新の定義を返します。${XAPI_HEADERS}`,
  },
  agents: {
    summary: 'エージェント（Agents Resource）',
    description: `xAPI 1.0.3 Part Three 2.4。GET ?agent= で Person オブジェクトを返します。${XAPI_HEADERS}`,
  },
};

export const ONEROSTER_COLLECTION_DESCRIPTION = [
  'OneRoster 1.2 Rostering（Japan Profile: metadata.jp.kanaGivenName など）。読み取り専用。',
  "クエリー: limit（既定 100）、offset、sort、orderBy (asc/desc)、filter（例: `dateLastModified>'2026-04-01T00:00:00Z'`、`status='active'` を AND でつなぐ）、fields。",
  '応答ヘッダー: X-Total-Count と Link（next/prev/first/last）。エラーは imsx_StatusInfo。',
  '連携アプリの自治体のデータだけが見えます。demographics には roster-demographics.readonly スコープが必要です。',
].join('\n');
