import type { Db } from '../../db/client.ts';
import * as repo from './repo.ts';
import { signBody } from './signature.ts';

/** Waits before retry n (1-based): 1 min, 5 min, 30 min, 2 h, 6 h; after that the delivery has failed. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

/** The next state after a failed attempt number `attempts` (1 = the first try). */
export function afterFailure(
  attempts: number,
  now: Date,
): { status: 'pending' | 'failed'; nextAttemptAt: Date } {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined
    ? { status: 'failed', nextAttemptAt: now }
    : { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay) };
}

/**
 * A claimed delivery is someone else's to send only after its send timeout plus this margin: long
 * enough that a live worker has always recorded its attempt by then, short enough that a delivery of a
 * worker that died mid-send goes out again soon.
 */
export const LEASE_MARGIN_MS = 60_000;

export interface SendOptions {
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs: number;
  /** false for a test delivery: one try, then 'failed' */
  retry: boolean;
  log?: ((message: string) => void) | undefined;
}

/**
 * POSTs one delivery, signed with the receiver's secret, and records the outcome: 'delivered' on any
 * 2xx, otherwise the error and either the next try (back-off) or 'failed'.
 */
export async function sendDelivery(
  db: Db,
  delivery: repo.DeliveryToSend,
  options: SendOptions,
): Promise<'delivered' | 'pending' | 'failed'> {
  const body = JSON.stringify({ id: delivery.id, event: delivery.event, payload: delivery.payload });
  const attempts = delivery.attempts + 1;
  let error: string | null = null;
  try {
    const response = await options.fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-edukarte-event': delivery.event,
        'x-edukarte-delivery': String(delivery.id),
        'x-edukarte-signature': signBody(delivery.secret, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (caught) {
    error = describeFetchError(caught);
  }
  if (error === null) {
    await repo.recordAttempt(db, delivery.id, { status: 'delivered', attempts, at: options.now() });
    return 'delivered';
  }
  const next = options.retry
    ? afterFailure(attempts, options.now())
    : { status: 'failed' as const, nextAttemptAt: options.now() };
  await repo.recordAttempt(db, delivery.id, { ...next, attempts, error });
  options.log?.(`webhook delivery ${delivery.id} attempt ${attempts} failed: ${error}`);
  return next.status;
}

/** fetch() says "fetch failed" and hides the reason (ECONNREFUSED, a timeout) in `cause`. */
function describeFetchError(caught: unknown): string {
  if (!(caught instanceof Error)) return String(caught);
  if (caught.name === 'TimeoutError') return 'timeout';
  const cause = (caught as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${caught.message}: ${code}` : `${caught.message}: ${cause.message}`;
  }
  return caught.message;
}

export interface WebhookWorkerOptions {
  db: Db;
  /** injected for tests */
  fetch?: typeof fetch;
  now?: () => Date;
  intervalMs?: number;
  batchSize?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface WebhookWorker {
  /** Claims and sends due deliveries (up to batchSize); returns how many were attempted. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Delivers queued webhook events: POSTs the JSON payload signed with the subscription's secret,
 * and retries with back-off until delivered or given up ('failed', with the last error kept).
 * Any number of workers (server processes) may run on one database: each delivery is claimed by one
 * of them (repo.claimDueDeliveries) before it is sent, so it goes out once.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const send = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Promise<number> | null = null;
  let stopped = false;

  const deliver = (delivery: repo.DeliveryToSend) =>
    sendDelivery(options.db, delivery, { fetch: send, now, timeoutMs, retry: true, log: options.log });

  async function runOnce(): Promise<number> {
    if (running) return running;
    running = (async () => {
      let attempted = 0;
      // one claim per delivery, so the lease only has to cover one send, however slow the receiver
      while (!stopped && attempted < batchSize) {
        const at = now();
        const [delivery] = await repo.claimDueDeliveries(options.db, {
          now: at,
          leaseUntil: new Date(at.getTime() + timeoutMs + LEASE_MARGIN_MS),
          limit: 1,
        });
        if (!delivery) break;
        await deliver(delivery);
        attempted++;
      }
      return attempted;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((e: unknown) => options.log?.(`webhook worker: ${String(e)}`));
  }, options.intervalMs ?? 15_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running.catch(() => 0);
    },
  };
}
