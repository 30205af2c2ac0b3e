import {
  SUBJECT_CODES,
  type AttendanceSummary,
  type EnrollmentHistoryEntry,
  type SchoolYearRef,
  type SubjectCode,
  type SubjectTestSeries,
  type TestResultPoint,
} from '@edukarte/shared';
import type { LineChartSeries } from '../../components/charts/lineChartOption.ts';
import { subjectLabel, type Lang } from '../../i18n/resources.ts';
import { formatSchoolYearLabel } from '../../lib/format.ts';

/** One colour per subject, so 国語 keeps its colour whichever subjects a child has. */
export const SUBJECT_COLORS: Record<SubjectCode, string> = {
  JPN: '#d9480f',
  MATH: '#1971c2',
  SCI: '#2f9e44',
  SOC: '#9c36b5',
  ENG: '#e64980',
  LIFE: '#66a80f',
  MUSIC: '#f08c00',
  ART: '#0c8599',
  PE: '#c92a2a',
  HOME: '#5f3dc4',
  TECH: '#495057',
  MORAL: '#a61e4d',
  INQ: '#087f5b',
};

export interface TestTrendPoint {
  assessmentId: number;
  title: string;
  kind: TestResultPoint['kind'];
  administeredOn: string;
  fiscalYear: number;
  score: number;
  maxScore: number;
  /** score / maxScore × 100, rounded to one decimal */
  percent: number;
}

export interface TestTrendSeries {
  subjectCode: SubjectCode;
  name: string;
  color: string;
  points: TestTrendPoint[];
}

/** score / maxScore as a percentage rounded to one decimal; null when there is no maximum to divide by. */
export function toPercent(score: number, maxScore: number): number | null {
  if (!(maxScore > 0) || !Number.isFinite(score)) return null;
  return Math.round((score / maxScore) * 1000) / 10;
}

const subjectOrder = (code: SubjectCode): number => SUBJECT_CODES.indexOf(code);

function byDateThenId(a: TestTrendPoint, b: TestTrendPoint): number {
  return a.administeredOn.localeCompare(b.administeredOn) || a.assessmentId - b.assessmentId;
}

/**
 * Shapes the karte's tests for the trend chart: one series per subject in curriculum order
 * (国語, 算数・数学, 理科 …), labelled in the UI language, points oldest first across all years.
 * Points without a usable maximum are dropped, and so are subjects left with no points.
 */
export function toTestTrendSeries(tests: readonly SubjectTestSeries[], lang: Lang): TestTrendSeries[] {
  const bySubject = new Map<SubjectCode, TestTrendPoint[]>();
  for (const { subjectCode, points } of tests) {
    const list = bySubject.get(subjectCode) ?? [];
    for (const p of points) {
      const percent = toPercent(p.score, p.maxScore);
      if (percent === null) continue;
      list.push({
        assessmentId: p.assessmentId,
        title: p.title,
        kind: p.kind,
        administeredOn: p.administeredOn,
        fiscalYear: p.fiscalYear,
        score: p.score,
        maxScore: p.maxScore,
        percent,
      });
    }
    bySubject.set(subjectCode, list);
  }
  return [...bySubject.entries()]
    .filter(([, points]) => points.length > 0)
    .sort(([a], [b]) => subjectOrder(a) - subjectOrder(b))
    .map(([subjectCode, points]) => ({
      subjectCode,
      name: subjectLabel(subjectCode, lang),
      color: SUBJECT_COLORS[subjectCode],
      points: points.sort(byDateThenId),
    }));
}

/** Trend series → the generic line chart's input; `describe` writes each point's tooltip lines. */
export function toTestTrendChartSeries(
  series: readonly TestTrendSeries[],
  describe: (point: TestTrendPoint) => string[],
): LineChartSeries[] {
  return series.map((s) => ({
    id: s.subjectCode,
    name: s.name,
    color: s.color,
    points: s.points.map((p) => ({ x: p.administeredOn, y: p.percent, details: describe(p) })),
  }));
}

export interface TestTableRow extends TestTrendPoint {
  subjectCode: SubjectCode;
  subjectName: string;
}

/** The chart's points as one table, oldest first, subjects in curriculum order on the same day. */
export function toTestTableRows(series: readonly TestTrendSeries[]): TestTableRow[] {
  return series
    .flatMap((s) => s.points.map((p) => ({ ...p, subjectCode: s.subjectCode, subjectName: s.name })))
    .sort(
      (a, b) =>
        a.administeredOn.localeCompare(b.administeredOn) ||
        subjectOrder(a.subjectCode) - subjectOrder(b.subjectCode) ||
        a.assessmentId - b.assessmentId,
    );
}

export type AttendanceFigure =
  | 'instructionDays'
  | 'excusedDays'
  | 'requiredDays'
  | 'absentDays'
  | 'attendedDays'
  | 'lateCount'
  | 'earlyLeaveCount';

export interface AttendanceRow {
  figure: AttendanceFigure;
  value: number;
  unit: 'days' | 'times';
  /** 欠席日数 only, when there were absences: its split into 病気 and その他 */
  breakdown?: { sick: number; other: number };
}

/**
 * 指導要録「出欠の記録」 in the form's order: 授業日数 → 出席停止・忌引等の日数 →
 * 出席しなければならない日数 → 欠席日数 → 出席日数, then 遅刻 and 早退 counts.
 */
export function toAttendanceRows(summary: AttendanceSummary): AttendanceRow[] {
  return [
    { figure: 'instructionDays', value: summary.instructionDays, unit: 'days' },
    { figure: 'excusedDays', value: summary.excusedDays, unit: 'days' },
    { figure: 'requiredDays', value: summary.requiredDays, unit: 'days' },
    summary.absentDays > 0
      ? {
          figure: 'absentDays',
          value: summary.absentDays,
          unit: 'days',
          breakdown: { sick: summary.absentSickDays, other: summary.absentOtherDays },
        }
      : { figure: 'absentDays', value: 0, unit: 'days' },
    { figure: 'attendedDays', value: summary.attendedDays, unit: 'days' },
    { figure: 'lateCount', value: summary.lateCount, unit: 'times' },
    { figure: 'earlyLeaveCount', value: summary.earlyLeaveCount, unit: 'times' },
  ];
}

/** 在籍履歴 oldest first (by start date, then fiscal year). */
export function toHistoryRows(history: readonly EnrollmentHistoryEntry[]): EnrollmentHistoryEntry[] {
  return [...history].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.fiscalYear - b.fiscalYear);
}

export interface SchoolYearOption {
  value: string;
  label: string;
}

/** The 年度 choices for the attendance section: every year the child was enrolled, newest first. */
export function toSchoolYearOptions(
  history: readonly EnrollmentHistoryEntry[],
  selected: SchoolYearRef,
  lang: Lang,
): SchoolYearOption[] {
  const years = new Set([selected.fiscalYear, ...history.map((h) => h.fiscalYear)]);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => ({ value: String(year), label: formatSchoolYearLabel(year, lang) }));
}
