import { describe, expect, it } from 'vitest';
import type { DecodedTable } from '../koumu-import/decode.ts';
import { assignmentRows, readAssignmentTable, type PlacementRow } from './assignment-file.ts';
import { applyAssignments, checkAssignments, gradeInSchool, type PlacementTarget } from './assignments.ts';
import type { PlannedMove } from './plan.ts';
import { searchPatterns } from './transfer-service.ts';

const target = (studentId: number, overrides: Partial<PlacementTarget> = {}): PlacementTarget => ({
  studentId,
  name: `児童 ${studentId}`,
  schoolId: 1,
  schoolCode: 'B113210000010',
  schoolName: '中央小学校',
  schoolKind: 'elementary',
  gradeCode: 'P4',
  ...overrides,
});
const targets = new Map(
  [
    target(1),
    target(2),
    target(3),
    target(9, {
      schoolId: 5,
      schoolCode: 'C113210000018',
      schoolName: '第一中学校',
      schoolKind: 'junior_high',
      gradeCode: 'J1',
    }),
  ].map((t) => [t.studentId, t]),
);
const specialNeeds = (schoolId: number): ReadonlySet<string> =>
  schoolId === 1 ? new Set(['ひまわり学級']) : new Set();
const json = (studentId: number, className: string, attendanceNo: number) => ({
  row: 0,
  columns: { studentId: 'studentId', className: 'className', attendanceNo: 'attendanceNo' },
  studentId,
  className,
  attendanceNo,
});
const all = [json(1, '1組', 1), json(2, '1組', 2), json(3, 'ひまわり学級', 1), json(9, '2組', 1)];

describe('checkAssignments', () => {
  it('accepts every pupil once, with numbered or special-needs classes', () => {
    const result = checkAssignments('assignments', all, targets, specialNeeds);
    expect(result.issues).toEqual([]);
    expect(result.assignments.map((a) => [a.studentId, a.className, a.isSpecialNeeds])).toEqual([
      [1, '1組', false],
      [2, '1組', false],
      [3, 'ひまわり学級', true],
      [9, '2組', false],
    ]);
  });

  it.each([
    [
      'a pupil not in the plan',
      [...all, json(77, '1組', 3)],
      'studentId',
      '77',
      'この年度更新で進級・進学する児童生徒のID',
    ],
    ['a pupil twice', [...all, json(1, '2組', 5)], 'studentId', '1', '1人につき1行'],
    [
      'a class name that is neither N組 nor a special-needs class',
      [json(1, 'A組', 1), ...all.slice(1)],
      'className',
      'A組',
      '「1組」〜「20組」、または特別支援学級 「ひまわり学級」',
    ],
    ['21組', [json(1, '21組', 1), ...all.slice(1)], 'className', '21組', '「1組」〜「20組」'],
    [
      'another school’s special-needs class',
      [...all.slice(0, 3), json(9, 'ひまわり学級', 1)],
      'className',
      'ひまわり学級',
      '「1組」〜「20組」',
    ],
    [
      'a repeated 出席番号 in one class',
      [json(1, '1組', 2), ...all.slice(1)],
      'attendanceNo',
      '2',
      '1組の中で重ならない出席番号',
    ],
    ['a pupil left out', all.slice(1), 'studentId', '1', '児童 1（中央小学校 小4） の行'],
  ])('reports %s', (_label, candidates, column, value, expected) => {
    const result = checkAssignments('assignments', candidates, targets, specialNeeds);
    expect(result.assignments).toEqual([]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ column, value, expected: expect.stringContaining(expected) as string }),
    );
  });

  it('allows the same 出席番号 in different classes and grades', () => {
    const result = checkAssignments(
      'f',
      [json(1, '1組', 1), json(2, '2組', 1), json(3, '3組', 1), json(9, '1組', 1)],
      targets,
      specialNeeds,
    );
    expect(result.issues).toEqual([]);
  });
});

describe('applyAssignments', () => {
  it('replaces class and 出席番号 of moving pupils only', () => {
    const move = (studentId: number, to: PlannedMove['to']): PlannedMove => ({
      studentId,
      enrollmentId: studentId * 10,
      kind: to ? 'promote' : 'graduate',
      fromSchoolId: 1,
      fromGradeCode: 'P3',
      to,
    });
    const to = {
      schoolId: 1,
      gradeCode: 'P4' as const,
      className: '1組',
      isSpecialNeeds: false,
      attendanceNo: 4,
    };
    const result = applyAssignments(
      [move(1, to), move(2, null)],
      [{ studentId: 1, className: 'ひまわり学級', attendanceNo: 1, isSpecialNeeds: true }],
    );
    expect(result.map((m) => m.to)).toEqual([
      { ...to, className: 'ひまわり学級', attendanceNo: 1, isSpecialNeeds: true },
      null,
    ]);
  });
});

describe('gradeInSchool', () => {
  it.each([
    ['P4', 'elementary', '4'],
    ['J1', 'junior_high', '1'],
    ['J1', 'compulsory', '7'],
  ] as const)('%s at a %s school → %s', (code, kind, expected) => {
    expect(gradeInSchool(code, kind)).toBe(expected);
  });
});

const placement = (t: PlacementTarget, className: string, attendanceNo: number): PlacementRow => ({
  studentId: t.studentId,
  name: t.name,
  kana: 'ジドウ',
  kind: t.gradeCode === 'J1' ? 'advance' : 'promote',
  fromLabel: '中央小学校 小3 1組 1番',
  fromSchoolId: 1,
  schoolId: t.schoolId,
  schoolName: t.schoolName,
  schoolCode: t.schoolCode,
  schoolKind: t.schoolKind,
  gradeCode: t.gradeCode,
  className,
  isSpecialNeeds: className.endsWith('学級'),
  attendanceNo,
});

/** The downloaded file as the decoder reads it back. */
function tableOf(rows: string[][]): DecodedTable {
  return {
    encoding: 'utf-8',
    headers: rows[0]!,
    rows: rows.slice(1),
    rowNumbers: rows.slice(1).map((_, i) => i + 2),
  };
}
const downloaded = assignmentRows([
  placement(targets.get(1)!, '1組', 1),
  placement(targets.get(2)!, '1組', 2),
  placement(targets.get(3)!, 'ひまわり学級', 1),
  placement(targets.get(9)!, '1組', 1),
]);
const edit = (row: number, header: string, value: string) =>
  downloaded.map((r, i) => (i === row ? r.map((v, c) => (downloaded[0]![c] === header ? value : v)) : r));

describe('readAssignmentTable', () => {
  it('reads the downloaded file back unchanged, and an edit in Excel style (2 → 2組)', () => {
    expect(readAssignmentTable('a.csv', tableOf(downloaded), targets, specialNeeds).issues).toEqual([]);
    const moved = readAssignmentTable('a.csv', tableOf(edit(2, '組', '２')), targets, specialNeeds);
    expect(moved.issues).toEqual([]);
    expect(moved.assignments.find((a) => a.studentId === 2)).toMatchObject({
      className: '2組',
      attendanceNo: 2,
    });
  });

  it.each([
    ['a changed 学年', edit(1, '学年', '5'), 2, '学年', '5', '4（小4。学年は変えられません）'],
    ['a shifted 氏名', edit(1, '氏名', '児童 2'), 2, '氏名', '児童 2', '児童 1（児童生徒ID 1 の氏名'],
    [
      'another 学校コード',
      edit(4, '学校コード', 'B113210000010'),
      5,
      '学校コード',
      'B113210000010',
      'C113210000018',
    ],
    [
      'an unknown ID',
      edit(1, '児童生徒ID', '4242'),
      2,
      '児童生徒ID',
      '4242',
      'この年度更新で進級・進学する児童生徒のID',
    ],
    ['an ID that is not a number', edit(1, '児童生徒ID', 'abc'), 2, '児童生徒ID', 'abc', '児童生徒ID（数字'],
    ['a blank 組', edit(2, '組', ''), 3, '組', '', '組（例'],
    ['a 出席番号 of 0', edit(2, '出席番号', '0'), 3, '出席番号', '0', '1〜999 の整数'],
    [
      'a duplicate 出席番号',
      edit(2, '出席番号', '1'),
      3,
      '出席番号',
      '1',
      '1組の中で重ならない出席番号（2行目と同じ番号です）',
    ],
    ['an invalid class name', edit(3, '組', 'そら学級'), 4, '組', 'そら学級', '「1組」〜「20組」'],
  ])(
    'reports %s with file, row, column, value and expected',
    (_label, rows, row, column, value, expected) => {
      const result = readAssignmentTable('hensei.csv', tableOf(rows), targets, specialNeeds);
      expect(result.assignments).toEqual([]);
      expect(result.issues).toContainEqual({
        file: 'hensei.csv',
        row,
        column,
        value,
        expected: expect.stringContaining(expected) as string,
      });
    },
  );

  it('reports a missing header and a pupil left out (row 0, after the rows)', () => {
    const noClass = downloaded.map((r) => r.filter((_, c) => downloaded[0]![c] !== '組'));
    expect(readAssignmentTable('x.csv', tableOf(noClass), targets, specialNeeds).issues).toEqual([
      expect.objectContaining({ row: 1, column: '組' }),
    ]);
    const short = readAssignmentTable(
      'x.csv',
      tableOf([...downloaded.slice(0, 2), ...downloaded.slice(3), edit(4, '出席番号', 'x')[4]!]),
      targets,
      specialNeeds,
    );
    expect(short.issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [5, '出席番号', 'x'],
      [0, '児童生徒ID', '2'],
    ]);
  });
});

describe('searchPatterns', () => {
  it.each([
    ['やまだ', ['%やまだ%', '%ヤマダ%']],
    ['山田 太郎', ['%山田太郎%']],
    ['ﾔﾏﾀﾞ', ['%ヤマダ%']],
    ['50%_', ['%50\\%\\_%']],
  ])('%s → %j', (text, expected) => {
    expect(searchPatterns(text)).toEqual(expected);
  });
});
