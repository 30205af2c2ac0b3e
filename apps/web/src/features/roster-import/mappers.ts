import {
  ONEROSTER_APPLY_STEPS,
  ONEROSTER_PACKAGE_FILES,
  type OneRosterCounts,
  type OneRosterImportJob,
} from '@edukarte/shared';
import type { TFunction } from 'i18next';

type Applied = OneRosterCounts['applied'];

const KINDS = [
  'schools',
  'schoolYears',
  'terms',
  'classes',
  'people',
  'demographics',
  'enrollments',
  'classTeachers',
  'identityReviews',
] as const;
type Kind = (typeof KINDS)[number];
const isKnownKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind);

/**
 * One line per kind, e.g. '児童生徒・教職員: 追加 20・更新 0・削除（在籍の終了） 0・変更なし 3'. Kinds the
 * package did not hold are left out; `changedOnly` also leaves out kinds where nothing changed.
 */
export function appliedLines(applied: Applied, t: TFunction, { changedOnly = false } = {}): string[] {
  return inOrder(Object.entries(applied), KINDS)
    .filter(([, c]) => c.inserted + c.updated + c.ended + (changedOnly ? 0 : c.unchanged) > 0)
    .map(([kind, c]) =>
      t('rosterImport.appliedLine', {
        kind: isKnownKind(kind) ? t(`rosterImport.kinds.${kind}`) : kind,
        ...c,
      }),
    );
}

/** Sums over every kind: what the history row shows. */
export function appliedTotals(applied: Applied): {
  inserted: number;
  updated: number;
  ended: number;
  unchanged: number;
} {
  const total = { inserted: 0, updated: 0, ended: 0, unchanged: 0 };
  for (const c of Object.values(applied)) {
    total.inserted += c.inserted;
    total.updated += c.updated;
    total.ended += c.ended;
    total.unchanged += c.unchanged;
  }
  return total;
}

/** Entries in a fixed order (a stored report's keys come back in the database's order); others last. */
function inOrder<T>(entries: [string, T][], order: readonly string[]): [string, T][] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...entries].sort(([a], [b]) => rank(a) - rank(b));
}

/** 'users.csv 20行、enrollments.csv 21行' in package order. */
export function rowsLine(rows: Record<string, number>, t: TFunction): string {
  return inOrder(Object.entries(rows), ONEROSTER_PACKAGE_FILES)
    .map(([file, count]) => t('rosterImport.rowsRead', { file, count }))
    .join(t('rosterImport.rowsSeparator'));
}

export function isFinished(job: OneRosterImportJob): boolean {
  return job.phase === 'done' || job.phase === 'failed';
}

/**
 * How far the server has got, 0–100, for the progress bar: reading 0–5, validating 5–40 (by file),
 * applying 40–99 (by step), finished 100.
 */
export function jobPercent(job: OneRosterImportJob): number {
  const share = (from: number, to: number) =>
    Math.round(from + ((to - from) * job.stepsDone) / Math.max(1, job.stepsTotal));
  switch (job.phase) {
    case 'reading':
      return 2;
    case 'validating':
      return share(5, 40);
    case 'applying':
      return share(40, 99);
    case 'done':
    case 'failed':
      return 100;
  }
}

/** What the server is doing now, in words: 「内容を確認しています: users.csv（4/9）」. */
export function jobStepLabel(job: OneRosterImportJob, t: TFunction): string {
  const counts = { done: job.stepsDone + 1, total: job.stepsTotal };
  switch (job.phase) {
    case 'reading':
      return t('rosterImport.phase.reading');
    case 'validating':
      return job.step === 'references'
        ? t('rosterImport.phase.references', counts)
        : t('rosterImport.phase.validating', { file: job.step ?? '', ...counts });
    case 'applying': {
      const step = ONEROSTER_APPLY_STEPS.find((s) => s === job.step);
      return t(job.dryRun ? 'rosterImport.phase.applyingDry' : 'rosterImport.phase.applying', {
        step: step ? t(`rosterImport.steps.${step}`) : (job.step ?? ''),
        ...counts,
      });
    }
    case 'done':
      return t('rosterImport.phase.done');
    case 'failed':
      return t('rosterImport.phase.failed');
  }
}
