import { schoolYearOf } from '@edukarte/shared';
import type { Database, Db } from '../client.ts';
import { municipalities } from '../schema/index.ts';
import { buildAccounts } from './accounts.ts';
import { writeAssessments } from './assessments.ts';
import { assignChronicAbsence, planAttendance, writeAttendance } from './attendance.ts';
import { dayNumber } from './calendar.ts';
import { castDemo } from './cast.ts';
import { writeCurriculum } from './curriculum.ts';
import { writeDrills } from './drill.ts';
import {
  buildRollups,
  checkpoint,
  completeBatch,
  deferConstraints,
  resetSequences,
  restoreDeferred,
  setBulkMode,
} from './finish.ts';
import { writeGradeRecords } from './grades.ts';
import { writeHealth } from './health.ts';
import { writeInteractions } from './interactions.ts';
import { Loader } from './loader.ts';
import { IdAllocator, type World } from './model.ts';
import { writeMood } from './mood.ts';
import { writeTeacherNotes } from './notes.ts';
import { buildOrganisation, FIRST_FISCAL_YEAR } from './org.ts';
import { planInfluenza } from './outbreak.ts';
import { LearningPlan } from './plan.ts';
import {
  writeAlertRules,
  writeConnectedSystems,
  writeImportBatch,
  writeLearningTools,
  writeNotices,
} from './platform.ts';
import { SIZE_PROFILES } from './profile.ts';
import { writeQu } from './qu.ts';
import { Rng } from './rng.ts';
import { TABLE_ORDER } from './tables.ts';
import { buildRoster } from './roster.ts';
import { buildStaff } from './staff.ts';
import { writeSurveys } from './surveys.ts';
import { writePracticeCases, writeTeachingPlans } from './teaching.ts';
import { writeUsageAndPortfolio } from './usage.ts';

export interface SeedOptions {
  size: 'demo' | 'city' | 'test';
  /** YYYY-MM-DD, the demo's "today": data runs up to this day */
  asOf: string;
  seed?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  municipalityId: number;
  schools: number;
  /** distinct pupils over all years (about 3,000 are enrolled in any one year of 'demo') */
  students: number;
  staff: number;
  schoolYears: number[];
  rows: Record<string, number>;
  learningEvents: number;
  seconds: number;
}

export const DEFAULT_SEED = 20230401;

/** True when a municipality exists (the database has been seeded or holds real data). */
export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
  return rows.length > 0;
}

/**
 * Loads a deterministic demo municipality into an empty, migrated database: the same
 * (size, asOf, seed) always gives the same rows. Bulk tables go in with COPY in chunks, so even
 * the 'city' size keeps memory bounded.
 */
export async function seedDemo(database: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  if (schoolYearOf(options.asOf) < FIRST_FISCAL_YEAR)
    throw new RangeError(`asOf must be on or after ${FIRST_FISCAL_YEAR}-04-01: ${options.asOf}`);
  if (await isSeeded(database.db))
    throw new Error('the database already holds a municipality; reset it before seeding');
  const profile = SIZE_PROFILES[options.size];
  const loader = new Loader(database, profile.chunkRows, {
    everyRows: 2_000_000,
    run: () => checkpoint(database),
  });
  const world: World = {
    profile,
    rng: Rng.create(options.seed ?? DEFAULT_SEED),
    asOf: dayNumber(options.asOf),
    municipalityId: 0,
    batchId: 0,
    prefectureCode: 0,
    ids: new IdAllocator(),
    loader,
    schools: [],
    elementary: [],
    juniorHigh: [],
    years: [],
    classes: [],
    students: [],
    staff: [],
    staffing: new Map(),
    tools: { drill: 0, lesson: 0, survey: 0, portfolio: 0, textbook: 0 },
    cast: null,
    log,
  };
  let lap = performance.now();
  const step = async (name: string, work: () => unknown) => {
    await work();
    const now = performance.now();
    log(
      `${name}: ${((now - lap) / 1000).toFixed(1)} s (${loader.totalRows.toLocaleString('en')} rows so far)`,
    );
    lap = now;
  };
  await setBulkMode(database, true);
  await deferConstraints(database, [...TABLE_ORDER, 'drill_daily', 'ict_usage_daily']);
  let restored = false;
  try {
    let plan: LearningPlan | null = null;
    const learning = () => {
      if (!plan) throw new Error('learning plan missing');
      return plan;
    };
    await step('organisation, roster, staff', async () => {
      buildOrganisation(world, options.asOf);
      writeImportBatch(world);
      writeLearningTools(world);
      buildRoster(world);
      buildStaff(world);
      assignChronicAbsence(world);
      world.cast = castDemo(world);
      await buildAccounts(world);
      plan = new LearningPlan(world);
      writeCurriculum(world, plan.curriculum);
      await loader.flush();
    });
    await step('attendance and health', async () => {
      planAttendance(world);
      planInfluenza(world);
      await writeHealth(world);
      await writeAttendance(world);
      await writeTeacherNotes(world);
    });
    await step('plans, tests, grades, Q-U', async () => {
      await writeTeachingPlans(world, learning());
      await writeAssessments(world, learning());
      await writeGradeRecords(world, learning());
      await writeQu(world);
    });
    await step('surveys and mood', async () => {
      await writeSurveys(world, learning());
      await writeMood(world);
    });
    await step('learning events', async () => {
      await writeDrills(world, learning());
      await writeInteractions(world);
      await writeUsageAndPortfolio(world, learning());
      writePracticeCases(world);
      writeAlertRules(world);
      writeNotices(world);
      writeConnectedSystems(world);
      await loader.flush();
    });
    const rows: Record<string, number> = { ...loader.counts };
    await step('rollups, indexes and sequences', async () => {
      Object.assign(rows, await buildRollups(database, world));
      restored = true;
      await restoreDeferred(database);
      await resetSequences(database);
      await completeBatch(database, world, rows);
      await checkpoint(database);
    });
    const sorted = Object.fromEntries(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)));
    return {
      municipalityId: world.municipalityId,
      schools: world.schools.length,
      students: world.students.length,
      staff: world.staff.length,
      schoolYears: world.years.map((y) => y.fy),
      rows: sorted,
      learningEvents: (rows.drill_answers ?? 0) + (rows.interactions ?? 0) + (rows.ict_usage ?? 0),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    // after a failure, put the indexes and foreign keys back so the schema stays whole
    if (!restored)
      await restoreDeferred(database).catch((error: unknown) =>
        log(`could not restore indexes: ${String(error)}`),
      );
    await setBulkMode(database, false);
  }
}
