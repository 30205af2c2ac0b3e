import { createHash } from 'node:crypto';
import { KOUMU_FIELDS, schoolYearOf, type ImportProblem, type KoumuImportKind } from '@edukarte/shared';
import type { ColumnMapping } from './mapping.ts';
import { placeKey, type AnyRow, type ImportLookups, type RowsByKind, type StudentRef } from './rows.ts';
import * as v from './values.ts';

export interface ValidationResult<K extends KoumuImportKind> {
  rows: RowsByKind[K][];
  problems: ImportProblem[];
}

interface Cells {
  /** the trimmed text of a field ('' when the column is not mapped or empty) */
  get(key: string): string;
  /** records a problem against a field and returns null */
  fail(key: string, expected: string): null;
  row: number;
}

/** One reusable reader over the current row (no per-row closures: files have 100,000 rows). */
class RowCells implements Cells {
  row = 0;
  failed = false;
  private cells: readonly string[] = [];
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly columnOf: (key: string) => string,
    private readonly problems: ImportProblem[],
  ) {}
  reset(cells: readonly string[], row: number): void {
    this.cells = cells;
    this.row = row;
    this.failed = false;
  }
  get(key: string): string {
    const at = this.index.get(key);
    return at === undefined || at < 0 ? '' : (this.cells[at] ?? '').trim();
  }
  fail(key: string, expected: string): null {
    this.failed = true;
    this.problems.push({ row: this.row, column: this.columnOf(key), value: this.get(key), expected });
    return null;
  }
}

const IDENTITY_EXPECTED = '「校務番号」列、または「学校コード」「学年」「組」「出席番号」列';

/** Header-level problems: required columns that are not mapped (reported against row 1). */
export function checkMapping(
  kind: KoumuImportKind,
  mapping: ColumnMapping,
  hasDefaultSchool: boolean,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const field of KOUMU_FIELDS[kind])
    if (field.required && mapping[field.key] === undefined)
      problems.push({ row: 1, column: field.labelJa, value: '', expected: `列「${field.labelJa}」（必須）` });
  const byNumber = mapping.studentNumber !== undefined;
  const byPlace =
    (mapping.schoolCode !== undefined || hasDefaultSchool) &&
    mapping.grade !== undefined &&
    mapping.className !== undefined &&
    mapping.attendanceNo !== undefined;
  if (!byNumber && !byPlace)
    problems.push({ row: 1, column: '校務番号', value: '', expected: IDENTITY_EXPECTED });
  return problems;
}

function findStudent(c: Cells, lookups: ImportLookups): StudentRef | null {
  const number = c.get('studentNumber');
  let student: StudentRef | undefined;
  if (number !== '') {
    student = lookups.studentsBySourceId.get(number);
    if (!student) return c.fail('studentNumber', '今年度在籍している児童生徒の校務番号');
  } else {
    const code = c.get('schoolCode');
    const school =
      code === ''
        ? lookups.defaultSchoolId === null
          ? undefined
          : { id: lookups.defaultSchoolId, kind: lookups.schoolKindById.get(lookups.defaultSchoolId) }
        : lookups.schoolsByCode.get(code);
    if (!school?.kind)
      return c.fail(
        code === '' ? 'studentNumber' : 'schoolCode',
        code === '' ? IDENTITY_EXPECTED : 'この自治体の学校コード（13桁）',
      );
    const grade = v.parseGrade(c.get('grade'), school.kind);
    if (!grade) return c.fail('grade', '学年（例: 6、6年、中1）');
    const no = v.parseInteger(c.get('attendanceNo'), 1, 99);
    if (no === null) return c.fail('attendanceNo', '出席番号（1〜99の整数）');
    if (c.get('className') === '') return c.fail('className', '組（例: 1、1組）');
    student = lookups.studentsByPlace.get(
      placeKey(school.id, grade, v.parseClassName(c.get('className')), no),
    );
    if (!student) return c.fail('attendanceNo', '今年度その学年・組に在籍している児童生徒の出席番号');
  }
  if (lookups.defaultSchoolId !== null && student.schoolId !== lookups.defaultSchoolId)
    return c.fail(number !== '' ? 'studentNumber' : 'schoolCode', '取り込み先の学校に在籍している児童生徒');
  return student;
}

const optional = (text: string) => (text === '' ? null : text);

function required(c: Cells, key: string, label: string): string | null {
  const text = c.get(key);
  return text === '' ? c.fail(key, `${label}（必須）`) : text;
}

function date(c: Cells, key: string): string | null {
  const text = c.get(key);
  return v.parseDate(text) ?? c.fail(key, '日付（YYYY-MM-DD または YYYY/M/D）');
}

type RowBuilder<K extends KoumuImportKind> = (
  c: Cells,
  s: StudentRef,
  lookups: ImportLookups,
) => Omit<RowsByKind[K], 'row' | 'studentId' | 'schoolId' | 'gradeCode'> | null;

const builders: { [K in KoumuImportKind]: RowBuilder<K> } = {
  attendance(c) {
    const day = date(c, 'date');
    const category =
      v.parseAttendanceCategory(c.get('category')) ?? c.fail('category', v.ATTENDANCE_CATEGORY_EXPECTED);
    if (!day || !category) return null;
    return {
      date: day,
      category,
      reason: optional(c.get('reason')),
      symptoms: v.parseList(c.get('symptoms')),
      disease: optional(c.get('disease')),
      note: optional(c.get('note')),
    };
  },
  health(c) {
    const day = date(c, 'date');
    const symptoms = v.parseList(c.get('symptoms'));
    if (symptoms.length === 0) c.fail('symptoms', '症状（1つ以上、「、」区切り）');
    const t = c.get('temperature');
    const temperature =
      t === ''
        ? null
        : (v.parseNumber(t, 34, 43) ?? c.fail('temperature', '体温（34〜43 の数値、例: 37.2）'));
    if (!day || symptoms.length === 0 || (t !== '' && temperature === null)) return null;
    return { date: day, symptoms, temperature, note: optional(c.get('note')) };
  },
  nurse(c) {
    const visitedAt = v.parseDateTime(c.get('visitedAt')) ?? c.fail('visitedAt', '日時（YYYY-MM-DD HH:MM）');
    const left = c.get('leftAt');
    const leftAt =
      left === '' ? null : (v.parseDateTime(left) ?? c.fail('leftAt', '日時（YYYY-MM-DD HH:MM）'));
    const reasonGroup =
      v.parseNurseReasonGroup(c.get('reasonGroup')) ?? c.fail('reasonGroup', '外科・内科・相談・その他');
    const reason = required(c, 'reason', '来室理由');
    const outcome =
      v.parseNurseOutcome(c.get('outcome')) ?? c.fail('outcome', '教室へ戻る・早退・医療機関受診・救急搬送');
    if (!visitedAt || (left !== '' && !leftAt) || !reasonGroup || !reason || !outcome) return null;
    return {
      visitedAt,
      leftAt,
      reasonGroup,
      reason,
      treatments: v.parseList(c.get('treatments')),
      outcome,
      note: optional(c.get('note')),
    };
  },
  results(c, s, lookups) {
    const kind =
      v.parseAssessmentKind(c.get('assessmentKind')) ??
      c.fail('assessmentKind', '単元テスト・定期テスト・全国学力・学習状況調査・市学力調査');
    const subjectCode = v.parseSubject(c.get('subject')) ?? c.fail('subject', v.SUBJECT_EXPECTED);
    const g = c.get('assessmentGrade');
    const gradeCode =
      g === ''
        ? s.gradeCode
        : (v.parseGrade(g, lookups.schoolKindById.get(s.schoolId) ?? 'compulsory') ??
          c.fail('assessmentGrade', '学年（例: 6、中1）'));
    const title = required(c, 'title', 'テスト名');
    const administeredOn = date(c, 'administeredOn');
    const fiscal =
      administeredOn === null ? undefined : lookups.schoolYearIds.get(schoolYearOf(administeredOn));
    if (administeredOn !== null && fiscal === undefined) c.fail('administeredOn', '登録されている年度の日付');
    const maxScore = v.parseNumber(c.get('maxScore'), 1, 10000) ?? c.fail('maxScore', '満点（1以上の数値）');
    const scoreText = c.get('score');
    const score =
      maxScore === null
        ? null
        : (v.parseNumber(scoreText, 0, maxScore) ?? c.fail('score', `得点（0〜${maxScore} の数値）`));
    if (
      !kind ||
      !subjectCode ||
      !gradeCode ||
      !title ||
      !administeredOn ||
      fiscal === undefined ||
      maxScore === null ||
      score === null
    )
      return null;
    return {
      assessment: {
        schoolId: s.schoolId,
        schoolYearId: fiscal,
        kind,
        subjectCode,
        gradeCode,
        title,
        administeredOn,
        maxScore,
      },
      score,
    };
  },
  grades(c, _s, lookups) {
    const fy = c.get('fiscalYear');
    const fiscalYear =
      fy === ''
        ? lookups.currentFiscalYear
        : (v.parseInteger(fy.replace(/年度$/, ''), 2000, 2100) ?? c.fail('fiscalYear', '年度（例: 2026）'));
    if (fiscalYear !== null && !lookups.schoolYearIds.has(fiscalYear))
      c.fail('fiscalYear', '登録されている年度');
    const period = v.parseInteger(c.get('period'), 1, 9);
    const periodOk =
      period !== null && (period <= 3 || period === 9)
        ? period
        : c.fail('period', '学期（1・2・3、学年末は 9）');
    const subjectCode = v.parseSubject(c.get('subject')) ?? c.fail('subject', v.SUBJECT_EXPECTED);
    const r = c.get('rating');
    const rating =
      r === '' ? null : (v.parseInteger(r, 1, 5) ?? c.fail('rating', '評定（1〜5 の整数、または空欄）'));
    const view = (key: string) => {
      const text = c.get(key);
      return text === '' ? null : (v.parseViewpointRating(text) ?? c.fail(key, 'A・B・C または空欄'));
    };
    const [knowledge, thinking, attitude] = [view('knowledge'), view('thinking'), view('attitude')];
    const bad = (key: string, value: unknown) => c.get(key) !== '' && value === null;
    if (
      fiscalYear === null ||
      !lookups.schoolYearIds.has(fiscalYear) ||
      periodOk === null ||
      !subjectCode ||
      bad('rating', rating) ||
      bad('knowledge', knowledge) ||
      bad('thinking', thinking) ||
      bad('attitude', attitude)
    )
      return null;
    return { fiscalYear, period: periodOk, subjectCode, rating, knowledge, thinking, attitude };
  },
  notes(c, _s, lookups) {
    const notedOn = date(c, 'date');
    const kind =
      v.parseNoteKind(c.get('noteKind')) ?? c.fail('noteKind', '日常所見・いいとこみつけ・共有配慮事項');
    const vis = c.get('visibility');
    const visibility =
      vis === ''
        ? 'class_teachers'
        : (v.parseVisibility(vis) ?? c.fail('visibility', '記録者のみ・学年・学級の担当・校内教職員'));
    const authorText = required(c, 'author', '記録者番号');
    const authorId =
      authorText === null
        ? null
        : (lookups.staffBySourceId.get(authorText) ?? c.fail('author', 'この自治体の教職員番号'));
    const body = required(c, 'body', '内容');
    if (!notedOn || !kind || !visibility || authorId === null || authorId === undefined || !body) return null;
    return { notedOn, kind, visibility, authorId, body };
  },
};

/** The natural key of a stored row: a re-import of the same key updates instead of adding. */
export function naturalKey(kind: KoumuImportKind, row: AnyRow): string {
  const r = row as unknown as Record<string, unknown>;
  const base = `${row.schoolId}|${row.studentId}`;
  switch (kind) {
    case 'attendance':
    case 'health':
      return `${base}|${String(r.date)}`;
    case 'nurse':
      return `${base}|${String(r.visitedAt)}`;
    case 'results':
      return `${base}|${JSON.stringify(r.assessment)}`;
    case 'grades':
      return `${base}|${String(r.fiscalYear)}|${String(r.period)}|${String(r.subjectCode)}`;
    case 'notes':
      return `${base}|${String(r.notedOn)}|${String(r.authorId)}|${String(r.kind)}|${bodyHash(String(r.body))}`;
  }
}

export const bodyHash = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

/**
 * Validates every row of a decoded file (pure: lookups are loaded beforehand). Returns the rows
 * as they will be stored and every problem with its file row, header, value and what was expected.
 */
export function validateRows<K extends KoumuImportKind>(
  kind: K,
  headers: readonly string[],
  rows: readonly string[][],
  rowNumbers: readonly number[],
  mapping: ColumnMapping,
  lookups: ImportLookups,
): ValidationResult<K> {
  const problems = checkMapping(kind, mapping, lookups.defaultSchoolId !== null);
  if (problems.length > 0) return { rows: [], problems };
  const labels = new Map(KOUMU_FIELDS[kind].map((f) => [f.key, f.labelJa]));
  const index = new Map(Object.entries(mapping).map(([key, header]) => [key, headers.indexOf(header)]));
  const out: RowsByKind[K][] = [];
  const seen = new Map<string, number>();
  const build = builders[kind] as RowBuilder<K>;
  const c = new RowCells(index, (key) => mapping[key] ?? labels.get(key) ?? key, problems);
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    const row = rowNumbers[i]!;
    c.reset(cells, row);
    const student = findStudent(c, lookups);
    if (!student) continue;
    const built = build(c, student, lookups);
    if (!built || c.failed) continue;
    const stored = Object.assign(built, {
      row,
      studentId: student.studentId,
      schoolId: student.schoolId,
      gradeCode: student.gradeCode,
    }) as unknown as RowsByKind[K];
    const key = naturalKey(kind, stored);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row,
        column: mapping.studentNumber ?? mapping.attendanceNo ?? '校務番号',
        value: c.get('studentNumber') || c.get('attendanceNo'),
        expected: `同じ児童生徒・同じ記録は1行だけ（${earlier}行目と重複）`,
      });
      continue;
    }
    seen.set(key, row);
    out.push(stored);
  }
  return { rows: out, problems };
}
