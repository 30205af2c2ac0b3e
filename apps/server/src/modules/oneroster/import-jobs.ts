import { randomUUID } from 'node:crypto';
import type { OneRosterImportJob, OneRosterImportReport } from '@edukarte/shared';
import type { ImportProgress } from './import-package.ts';

/** How long a finished job can still be read (the page polls it once more, or the admin reloads). */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

interface Job {
  state: OneRosterImportJob;
  municipalityId: number;
  userId: number;
  finished: number | null;
  running: Promise<void> | null;
}

/** Lets queued I/O (a status request, a timer) run between the steps of a long import. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * OneRoster imports running in this server process. An import runs in the background and
 * reports its phase and counts here; the admin page polls them. One import per municipality runs
 * at a time. Jobs live in memory only: the import itself is one transaction, so a restart loses
 * the progress display, never half an import.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  /** The job already running for a municipality, if any. */
  runningFor(municipalityId: number): OneRosterImportJob | null {
    for (const job of this.jobs.values())
      if (job.municipalityId === municipalityId && job.finished === null) return job.state;
    return null;
  }

  /**
   * Starts `work` in the background. `work` receives a progress callback (it yields to the event
   * loop, so status requests are answered while the import runs) and returns the report.
   */
  start(
    owner: { municipalityId: number; userId: number },
    meta: { fileName: string; dryRun: boolean },
    work: (onProgress: (p: ImportProgress) => Promise<void>) => Promise<OneRosterImportReport>,
  ): { job: OneRosterImportJob; done: Promise<void> } {
    this.prune();
    const state: OneRosterImportJob = {
      id: randomUUID(),
      fileName: meta.fileName,
      dryRun: meta.dryRun,
      phase: 'reading',
      step: null,
      stepsDone: 0,
      stepsTotal: 0,
      rows: {},
      applied: {},
      startedAt: new Date().toISOString(),
      finishedAt: null,
      report: null,
      error: null,
    };
    const job: Job = { state, ...owner, finished: null, running: null };
    this.jobs.set(state.id, job);
    const onProgress = async (p: ImportProgress) => {
      state.phase = p.phase;
      state.step = p.step;
      state.stepsDone = p.stepsDone;
      state.stepsTotal = p.stepsTotal;
      if (p.phase === 'applying') {
        state.rows = { ...p.rows };
        state.applied = structuredClone(p.applied);
      }
      await yieldToEventLoop();
    };
    const finish = () => {
      job.finished = Date.now();
      state.finishedAt = new Date(job.finished).toISOString();
      job.running = null;
    };
    job.running = (async () => {
      await yieldToEventLoop(); // answer the upload before the work starts
      try {
        const report = await work(onProgress);
        state.report = report;
        state.rows = report.counts.rows;
        state.applied = report.counts.applied;
        state.phase = 'done';
        state.step = null;
      } catch (error) {
        state.phase = 'failed';
        state.error = error instanceof Error ? error.message : String(error);
      } finally {
        finish();
      }
    })();
    return { job: state, done: job.running };
  }

  /** A job of this municipality (null for another municipality's or an unknown id). */
  get(id: string, municipalityId: number): OneRosterImportJob | null {
    this.prune();
    const job = this.jobs.get(id);
    return job && job.municipalityId === municipalityId ? job.state : null;
  }

  /** Waits for every running job (the server is shutting down). */
  async drain(): Promise<void> {
    await Promise.all([...this.jobs.values()].flatMap((j) => (j.running ? [j.running] : [])));
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs)
      if (job.finished !== null && now - job.finished > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
