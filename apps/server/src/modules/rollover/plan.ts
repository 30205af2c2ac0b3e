import { GRADE_CODES, type GradeCode } from '@edukarte/shared';
import { normaliseKana } from '../identity/name-match.ts';

/**
 * 年度更新 (April rollover) as a pure plan: who moves where. The service reads the facts, this
 * decides, and the service writes the plan in one transaction (so preview and commit agree).
 */

export type ClassAssignment = 'keep' | 'gojuon' | 'custom';

export interface RolloverPupil {
  studentId: number;
  enrollmentId: number;
  schoolId: number;
  gradeCode: GradeCode;
  className: string;
  isSpecialNeeds: boolean;
  familyNameKana: string;
  givenNameKana: string;
}

export interface RolloverFacts {
  pupils: readonly RolloverPupil[];
  /** pupils who already have an enrollment in the target year (a re-run skips them) */
  alreadyEnrolled: ReadonlySet<number>;
  /** homeroom classes (not special-needs) per `${schoolId}|${gradeCode}` in the previous year */
  classCounts: ReadonlyMap<string, number>;
  /** the 中学校 each 小学校's 6th graders go to; missing or null = unknown */
  juniorHighFor: ReadonlyMap<number, number | null>;
  /** per-pupil exceptions: studentId → 中学校 */
  juniorHighOverrides?: ReadonlyMap<number, number>;
  /** 'custom' places pupils as 'keep' does; the service then applies the checked assignments */
  assignment: ClassAssignment;
}

export type MoveKind = 'promote' | 'advance' | 'graduate' | 'no_destination' | 'already';

export interface PlannedMove {
  studentId: number;
  enrollmentId: number;
  kind: MoveKind;
  fromSchoolId: number;
  fromGradeCode: GradeCode;
  /** the new stay, for promote and advance */
  to: {
    schoolId: number;
    gradeCode: GradeCode;
    className: string;
    isSpecialNeeds: boolean;
    attendanceNo: number;
  } | null;
}

/** 中学校 class size used when more classes are needed than last year (domain-jp §1). */
export const CLASS_CAPACITY = 35;

function nextGrade(code: GradeCode): GradeCode | null {
  return GRADE_CODES[GRADE_CODES.indexOf(code) + 1] ?? null;
}

/** 五十音順 by the normalised reading (katakana code points follow the 五十音 order), then id. */
export function byKana(a: RolloverPupil, b: RolloverPupil): number {
  const ka = `${normaliseKana(a.familyNameKana)} ${normaliseKana(a.givenNameKana)}`;
  const kb = `${normaliseKana(b.familyNameKana)} ${normaliseKana(b.givenNameKana)}`;
  return ka < kb ? -1 : ka > kb ? 1 : a.studentId - b.studentId;
}

/** Deals pupils in 五十音順 round-robin into `count` classes named 1組, 2組, … */
export function distributeByKana(pupils: readonly RolloverPupil[], count: number): Map<number, string> {
  const n = Math.max(1, count);
  const result = new Map<number, string>();
  [...pupils].sort(byKana).forEach((p, i) => result.set(p.studentId, `${(i % n) + 1}組`));
  return result;
}

export function planRollover(facts: RolloverFacts): PlannedMove[] {
  const moves: PlannedMove[] = [];
  const promoteGroups = new Map<string, RolloverPupil[]>();
  const advanceGroups = new Map<number, RolloverPupil[]>();
  const target = new Map<
    number,
    { schoolId: number; gradeCode: GradeCode; className: string; isSpecialNeeds: boolean }
  >();

  for (const p of facts.pupils) {
    const base = {
      studentId: p.studentId,
      enrollmentId: p.enrollmentId,
      fromSchoolId: p.schoolId,
      fromGradeCode: p.gradeCode,
    };
    if (facts.alreadyEnrolled.has(p.studentId)) {
      moves.push({ ...base, kind: 'already', to: null });
      continue;
    }
    const next = nextGrade(p.gradeCode);
    if (next === null) {
      moves.push({ ...base, kind: 'graduate', to: null });
      continue;
    }
    if (p.gradeCode === 'P6') {
      const jh = facts.juniorHighOverrides?.get(p.studentId) ?? facts.juniorHighFor.get(p.schoolId) ?? null;
      if (jh === null) {
        moves.push({ ...base, kind: 'no_destination', to: null });
        continue;
      }
      moves.push({ ...base, kind: 'advance', to: null });
      if (p.isSpecialNeeds)
        target.set(p.studentId, {
          schoolId: jh,
          gradeCode: next,
          className: p.className,
          isSpecialNeeds: true,
        });
      else advanceGroups.set(jh, [...(advanceGroups.get(jh) ?? []), p]);
      continue;
    }
    moves.push({ ...base, kind: 'promote', to: null });
    if (p.isSpecialNeeds || facts.assignment !== 'gojuon') {
      target.set(p.studentId, {
        schoolId: p.schoolId,
        gradeCode: next,
        className: p.className,
        isSpecialNeeds: p.isSpecialNeeds,
      });
    } else {
      const key = `${p.schoolId}|${p.gradeCode}`;
      promoteGroups.set(key, [...(promoteGroups.get(key) ?? []), p]);
    }
  }

  for (const [key, pupils] of promoteGroups) {
    const first = pupils[0]!;
    const names = distributeByKana(pupils, facts.classCounts.get(key) ?? 1);
    for (const p of pupils)
      target.set(p.studentId, {
        schoolId: first.schoolId,
        gradeCode: nextGrade(first.gradeCode)!,
        className: names.get(p.studentId)!,
        isSpecialNeeds: false,
      });
  }
  for (const [jh, pupils] of advanceGroups) {
    const count = Math.max(facts.classCounts.get(`${jh}|J1`) ?? 1, Math.ceil(pupils.length / CLASS_CAPACITY));
    const names = distributeByKana(pupils, count);
    for (const p of pupils)
      target.set(p.studentId, {
        schoolId: jh,
        gradeCode: 'J1',
        className: names.get(p.studentId)!,
        isSpecialNeeds: false,
      });
  }

  // 出席番号: 男女混合 五十音順 within each new class.
  const byClass = new Map<string, RolloverPupil[]>();
  const pupilOf = new Map(facts.pupils.map((p) => [p.studentId, p]));
  for (const [studentId, t] of target) {
    const key = `${t.schoolId}|${t.gradeCode}|${t.className}|${t.isSpecialNeeds}`;
    byClass.set(key, [...(byClass.get(key) ?? []), pupilOf.get(studentId)!]);
  }
  const numbers = new Map<number, number>();
  for (const pupils of byClass.values())
    pupils.sort(byKana).forEach((p, i) => numbers.set(p.studentId, i + 1));

  return moves.map((m) => {
    const t = target.get(m.studentId);
    return t ? { ...m, to: { ...t, attendanceNo: numbers.get(m.studentId)! } } : m;
  });
}

/** The majority 中学校 of each 小学校's past graduates: (elementary, junior high, pupils) → map. */
export function majorityDestinations(
  history: readonly { elementarySchoolId: number; juniorHighSchoolId: number; pupils: number }[],
): Map<number, number> {
  const best = new Map<number, { id: number; pupils: number }>();
  for (const h of history) {
    const current = best.get(h.elementarySchoolId);
    if (
      !current ||
      h.pupils > current.pupils ||
      (h.pupils === current.pupils && h.juniorHighSchoolId < current.id)
    )
      best.set(h.elementarySchoolId, { id: h.juniorHighSchoolId, pupils: h.pupils });
  }
  return new Map([...best].map(([k, v]) => [k, v.id]));
}

/** The same term dates one year later (the board usually keeps its calendar). */
export function shiftTerms<T extends { seq: number; name: string; startDate: string; endDate: string }>(
  terms: readonly T[],
  fiscalYear: number,
): { seq: number; name: string; startDate: string; endDate: string }[] {
  if (terms.length === 0)
    return [
      { seq: 1, name: '1学期', startDate: `${fiscalYear}-04-01`, endDate: `${fiscalYear}-08-31` },
      { seq: 2, name: '2学期', startDate: `${fiscalYear}-09-01`, endDate: `${fiscalYear}-12-31` },
      { seq: 3, name: '3学期', startDate: `${fiscalYear + 1}-01-01`, endDate: `${fiscalYear + 1}-03-31` },
    ];
  const shift = (date: string) => {
    const year = Number(date.slice(0, 4)) + 1;
    const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
    return `${year}-${monthDay}`;
  };
  return terms.map((t) => ({
    seq: t.seq,
    name: t.name,
    startDate: shift(t.startDate),
    endDate: shift(t.endDate),
  }));
}
