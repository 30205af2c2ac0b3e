import type { OneRosterImportReport } from '@edukarte/shared';

const KIND_LABELS: Record<string, string> = {
  schools: '学校',
  schoolYears: '年度',
  terms: '学期',
  classes: '学級・授業',
  people: '児童生徒・教職員',
  demographics: '生年月日・性別',
  enrollments: '在籍',
  classTeachers: '担任・教科担任',
  identityReviews: '名寄せの確認待ち',
};

/** One line per kind that changed, e.g. '児童生徒・教職員: 追加 20・更新 0・終了 0'. Unchanged kinds are left out. */
export function appliedLines(report: OneRosterImportReport): string[] {
  return Object.entries(report.counts.applied)
    .filter(([, c]) => c.inserted + c.updated + c.ended > 0)
    .map(
      ([kind, c]) => `${KIND_LABELS[kind] ?? kind}: 追加 ${c.inserted}・更新 ${c.updated}・終了 ${c.ended}`,
    );
}

/** 'users.csv 20行、enrollments.csv 21行' in package order. */
export function rowsLine(report: OneRosterImportReport): string {
  return Object.entries(report.counts.rows)
    .map(([file, n]) => `${file} ${n}行`)
    .join('、');
}

/** The row number as people read it: 0 means the whole file or package. */
export function rowLabel(row: number): string {
  return row === 0 ? '—' : String(row);
}
