import type { DbScope } from '../db/scope.ts';
import type { Actor } from './actor.ts';

/**
 * The one place that decides what each role may see (D3). Services gather the facts, this
 * module decides, and the database enforces the same scope again with row-level security.
 *
 * - teacher: the classes of their own school; the roster and kartes of the classes they teach this year
 * - nurse, principal: every class of their own school, and the karte of every child enrolled there this year
 * - student: their own karte only
 * - board: de-identified municipality data only — never a roster or a karte
 * - admin: rosters of the municipality (to keep one roster), never a child's karte
 */
export type Subject =
  /** 名寄せ queue (A5): schoolId null = the whole municipality's queue */
  | { action: 'identity:review-list'; schoolId: number | null }
  /** link/separate a review, merge and unmerge people, 年度更新 (A5) */
  | { action: 'identity:manage' }
  /** 転入・転出 at one school (A5) */
  | { action: 'transfer:manage'; schoolId: number }
  /** 連携アプリ: register, list and disable xAPI / OneRoster client applications */
  | { action: 'clients:manage' }
  | { action: 'class:list' }
  | { action: 'class:roster'; schoolId: number; taughtByActor: boolean }
  | {
      action: 'student:karte';
      studentId: number;
      /** schools where the child is enrolled in the current school year (including one left mid-year) */
      currentSchoolIds: readonly number[];
      /** the child is (or was, this year) in a class the actor teaches this year */
      inActorsClass: boolean;
    }
  /** 校務データの取り込み (A6): schoolId null = municipality-wide */
  | { action: 'koumu:import'; schoolId: number | null }
  /** 出欠 export to the 校務 system (A7) for one school */
  | { action: 'koumu:attendance-export'; schoolId: number }
  /** webhook subscribers and their deliveries (A7), municipality-wide */
  | { action: 'webhook:manage' }
  /** OneRoster CSV import and export of the municipality's roster (A1, A2) */
  | { action: 'oneroster:import' }
  | { action: 'oneroster:export' };

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function can(actor: Actor, subject: Subject): Decision {
  switch (subject.action) {
    case 'identity:review-list':
      if (actor.role === 'admin') return allow;
      return actor.role === 'principal' && subject.schoolId !== null && actor.schoolId === subject.schoolId
        ? allow
        : deny('名寄せの確認は管理者と自校の校長だけが行えます');
    case 'identity:manage':
      return actor.role === 'admin' ? allow : deny('この操作はシステム管理者だけが行えます');
    case 'transfer:manage':
      if (actor.role === 'admin') return allow;
      return actor.role === 'principal' && actor.schoolId === subject.schoolId
        ? allow
        : deny('転入・転出の登録は管理者と自校の校長だけが行えます');
    case 'clients:manage':
      return actor.role === 'admin' ? allow : deny('連携アプリを管理できるのはシステム管理者だけです');
    case 'oneroster:import':
    case 'oneroster:export':
      return actor.role === 'admin' ? allow : deny('名簿の取り込み・書き出しはシステム管理者だけが行えます');
    case 'class:list':
      return actor.role === 'board' || actor.role === 'student'
        ? deny('学級の一覧は教職員だけが見られます')
        : allow;
    case 'class:roster':
      switch (actor.role) {
        case 'admin':
          return allow;
        case 'nurse':
        case 'principal':
          return actor.schoolId === subject.schoolId ? allow : deny('他校の学級は閲覧できません');
        case 'teacher':
          if (actor.schoolId !== subject.schoolId) return deny('他校の学級は閲覧できません');
          return subject.taughtByActor ? allow : deny('担当していない学級の名簿は閲覧できません');
        case 'board':
        case 'student':
          return deny('名簿を閲覧する権限がありません');
      }
      break;
    case 'student:karte':
      switch (actor.role) {
        case 'student':
          return actor.personId === subject.studentId ? allow : deny('自分以外のカルテは閲覧できません');
        case 'nurse':
        case 'principal':
          return actor.schoolId !== null && subject.currentSchoolIds.includes(actor.schoolId)
            ? allow
            : deny('他校の児童生徒のカルテは閲覧できません');
        case 'teacher':
          if (actor.schoolId === null || !subject.currentSchoolIds.includes(actor.schoolId))
            return deny('他校の児童生徒のカルテは閲覧できません');
          return subject.inActorsClass ? allow : deny('担当していない児童生徒のカルテは閲覧できません');
        case 'board':
          return deny('教育委員会は個人を特定できる情報を閲覧できません');
        case 'admin':
          return deny('システム管理者は児童生徒のカルテを閲覧できません');
      }
      break;
    case 'koumu:import':
      switch (actor.role) {
        case 'admin':
          return allow;
        case 'principal':
          return subject.schoolId !== null && actor.schoolId === subject.schoolId
            ? allow
            : deny('校長は自校のデータだけを取り込めます');
        case 'teacher':
        case 'nurse':
        case 'board':
        case 'student':
          return deny('校務データを取り込む権限がありません');
      }
      break;
    case 'koumu:attendance-export':
      switch (actor.role) {
        case 'admin':
          return allow;
        case 'principal':
        case 'nurse':
          return actor.schoolId === subject.schoolId ? allow : deny('他校の出欠は出力できません');
        case 'teacher':
        case 'board':
        case 'student':
          return deny('出欠を出力する権限がありません');
      }
      break;
    case 'webhook:manage':
      return actor.role === 'admin' ? allow : deny('連携先の設定はシステム管理者だけが行えます');
  }
}

/** The database scope for the actor's own school (lists, rosters). */
export function schoolScopeOf(actor: Actor, municipalitySchoolIds: readonly number[]): DbScope {
  const base = { personId: actor.personId, studentId: null, callerIsStudent: false };
  switch (actor.role) {
    case 'board':
      return { ...base, dbRole: 'edukarte_board', schoolIds: municipalitySchoolIds };
    case 'admin':
      return { ...base, dbRole: 'edukarte_scoped', schoolIds: municipalitySchoolIds };
    case 'student':
      return {
        ...base,
        dbRole: 'edukarte_scoped',
        schoolIds: actor.schoolId === null ? [] : [actor.schoolId],
        studentId: actor.personId,
        callerIsStudent: true,
      };
    case 'teacher':
    case 'nurse':
    case 'principal':
      return {
        ...base,
        dbRole: 'edukarte_scoped',
        schoolIds: actor.schoolId === null ? [] : [actor.schoolId],
      };
  }
}

/**
 * The database scope for reading one child's karte once `can` allowed it: that child's rows only,
 * in every school the child attended (so a 中学校 teacher sees the 小学校 years).
 */
export function karteScopeOf(actor: Actor, studentId: number, schoolIds: readonly number[]): DbScope {
  return {
    dbRole: 'edukarte_scoped',
    schoolIds,
    studentId,
    personId: actor.personId,
    callerIsStudent: actor.role === 'student',
  };
}
