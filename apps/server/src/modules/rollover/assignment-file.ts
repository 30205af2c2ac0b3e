import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { gradeShortLabelJa, type RolloverIssue, type RolloverPlacement } from '@edukarte/shared';
import type { DecodedTable } from '../koumu-import/decode.ts';
import { BOM } from '../koumu-import/template.ts';
import { parseClassName, parseGrade, parseInteger } from '../koumu-import/values.ts';
import {
  checkAssignments,
  gradeInSchool,
  type AssignmentCandidate,
  type CheckedAssignment,
  type PlacementTarget,
} from './assignments.ts';

/**
 * The 学級編成 file (class-assignment sheet): downloaded from the preview, edited in Excel (組 and
 * 出席番号), uploaded back. UTF-8 with BOM like the 校務 templates; read back with the 校務 decoder,
 * so Shift_JIS (what Excel saves as 「CSV（コンマ区切り）」) and .xlsx work too.
 */
export const ASSIGNMENT_HEADERS = [
  '児童生徒ID',
  '学校コード',
  '学校名',
  '学年',
  '組',
  '出席番号',
  '氏名',
  'ふりがな',
  '旧学年・組・番号',
  '区分',
] as const;

const REQUIRED = ['児童生徒ID', '学年', '組', '出席番号'] as const;

export interface PlacementRow extends RolloverPlacement {
  schoolCode: string;
  schoolKind: PlacementTarget['schoolKind'];
}

export function assignmentRows(placements: readonly PlacementRow[]): string[][] {
  return [
    [...ASSIGNMENT_HEADERS],
    ...placements.map((p) => [
      String(p.studentId),
      p.schoolCode,
      p.schoolName,
      gradeInSchool(p.gradeCode, p.schoolKind),
      p.className,
      String(p.attendanceNo),
      p.name,
      p.kana,
      p.fromLabel,
      p.kind === 'advance' ? '進学' : '進級',
    ]),
  ];
}

export function assignmentCsv(placements: readonly PlacementRow[]): string {
  return BOM + stringify(assignmentRows(placements), { record_delimiter: '\r\n' });
}

export async function assignmentXlsx(placements: readonly PlacementRow[]): Promise<Buffer> {
  const rows = assignmentRows(placements).map((row) => row.map((value) => ({ value, type: String })));
  return writeXlsxFile(rows).toBuffer();
}

const squashSpaces = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * Reads an uploaded 学級編成 file against the plan: every row names a pupil of the plan by 児童生徒ID
 * (and, when the columns are there, the same 学校コード and 氏名), the new 学年 as planned, a valid
 * 組 and a 出席番号; then the rules of checkAssignments. All-or-nothing: any issue → no assignments.
 */
export function readAssignmentTable(
  fileName: string,
  table: DecodedTable,
  targets: ReadonlyMap<number, PlacementTarget>,
  specialNeedsNamesOf: (schoolId: number) => ReadonlySet<string>,
): { issues: RolloverIssue[]; assignments: CheckedAssignment[] } {
  const column = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const name = h.normalize('NFKC').replace(/\s+/g, '');
    if (!column.has(name)) column.set(name, i);
  });
  const missing = REQUIRED.filter((h) => !column.has(h));
  if (missing.length > 0)
    return {
      issues: missing.map((h) => ({
        file: fileName,
        row: 1,
        column: h,
        value: '',
        expected: `見出し「${h}」の列（ダウンロードした学級編成ファイルの見出しのまま）`,
      })),
      assignments: [],
    };

  const issues: RolloverIssue[] = [];
  const candidates: AssignmentCandidate[] = [];
  const cell = (row: readonly string[], header: string) => {
    const i = column.get(header);
    return i === undefined ? undefined : (row[i] ?? '').trim();
  };
  const columns = { studentId: '児童生徒ID', className: '組', attendanceNo: '出席番号' };

  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const problem = (col: string, value: string, expected: string) =>
      issues.push({ file: fileName, row, column: col, value, expected });
    const idText = cell(cells, '児童生徒ID')!;
    const studentId = parseInteger(idText, 1, 2_147_483_647);
    if (studentId === null) {
      problem('児童生徒ID', idText, '児童生徒ID（数字。ダウンロードしたファイルの値を変えないでください）');
      return;
    }
    const target = targets.get(studentId);
    let ok = true;
    if (target) {
      const code = cell(cells, '学校コード');
      if (code !== undefined && code !== '' && code.toUpperCase() !== target.schoolCode.toUpperCase()) {
        problem(
          '学校コード',
          code,
          `${target.schoolCode}（${target.schoolName}。進学先の中学校は画面の「進学先の中学校」で変えてください）`,
        );
        ok = false;
      }
      const name = cell(cells, '氏名');
      if (name !== undefined && name !== '' && squashSpaces(name) !== squashSpaces(target.name)) {
        problem(
          '氏名',
          name,
          `${target.name}（児童生徒ID ${studentId} の氏名。行がずれていないか確認してください）`,
        );
        ok = false;
      }
      const gradeText = cell(cells, '学年')!;
      if (parseGrade(gradeText, target.schoolKind) !== target.gradeCode) {
        problem(
          '学年',
          gradeText,
          `${gradeInSchool(target.gradeCode, target.schoolKind)}（${gradeShortLabelJa(target.gradeCode)}。学年は変えられません）`,
        );
        ok = false;
      }
    }
    const classText = cell(cells, '組')!;
    if (classText === '') {
      problem('組', classText, '組（例: 1組、2、ひまわり学級）');
      ok = false;
    }
    const noText = cell(cells, '出席番号')!;
    const attendanceNo = parseInteger(noText, 1, 999);
    if (attendanceNo === null) {
      problem('出席番号', noText, '1〜999 の整数');
      ok = false;
    }
    if (!ok) return;
    candidates.push({
      row,
      columns,
      studentId,
      className: parseClassName(classText),
      attendanceNo: attendanceNo!,
    });
  });

  const checked = checkAssignments(fileName, candidates, targets, specialNeedsNamesOf);
  // A pupil whose row had a cell problem is not "missing": leave out those duplicate reports.
  const reported = new Set(
    issues.map((i) => (i.column === '児童生徒ID' ? null : i.row)).filter((r) => r !== null),
  );
  const rowOfStudent = new Map<number, number>();
  table.rows.forEach((cells, i) => {
    const id = parseInteger(cell(cells, '児童生徒ID')!, 1, 2_147_483_647);
    if (id !== null && !rowOfStudent.has(id)) rowOfStudent.set(id, table.rowNumbers[i]!);
  });
  const extra = checked.issues.filter(
    (i) => !(i.row === 0 && reported.has(rowOfStudent.get(Number(i.value)) ?? -1)),
  );
  const last = (row: number) => (row === 0 ? Number.MAX_SAFE_INTEGER : row);
  const all = [...issues, ...extra].sort((a, b) => last(a.row) - last(b.row));
  return all.length > 0 ? { issues: all, assignments: [] } : { issues: [], assignments: checked.assignments };
}
