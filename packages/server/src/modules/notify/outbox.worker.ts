import { fromJson } from '../../db/rows.ts';
import type { Deps } from '../../platform/context.ts';
import { OutboxPayload } from '@switchboard/shared';
import type { OutboundMessage, OutboxPayloadT, PayloadHandler } from '../../platform/outbox-handler.ts';
import { asChannelError, ChannelError, type Channel } from './channel.ts';
import { claimDue, settle, type OutboxRow } from './outbox.repository.ts';

export type { PayloadHandler };

/** Worker settings; defaults suit production, tests shorten them. */
export interface OutboxWorkerOptions {
  /** Adapter per outbox channel name (push, sms, email). A missing one means retry later. */
  channels: Partial<Record<string, Channel>>;
  /** Handler per payload type. */
  handlers: Record<string, PayloadHandler>;
  /** Rows claimed per statement. */
  batchSize?: number;
  /** How long a claim holds a row; a crashed worker's rows are free again after it. */
  leaseMs?: number;
  /** Attempts before a row is dead. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Batches per runOnce, so one run ends even while rows keep arriving. */
  maxBatchesPerRun?: number;
  /** Source of jitter (tests pin it). */
  random?: () => number;
}

/** Totals of one run. */
export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

/** A polling outbox sender: runOnce for tests and the CLI, start/stop for the server. */
export interface OutboxWorker {
  /** Claim and deliver everything due now. */
  runOnce(): Promise<RunResult>;
  /** Claim one batch without delivering it (a crash between the two is what tests simulate). */
  claim(): Promise<OutboxRow[]>;
  /** Deliver rows this worker claimed. */
  deliver(rows: OutboxRow[]): Promise<RunResult>;
  /** Poll every `everyMs`; one run at a time. */
  start(everyMs: number, onError: (err: unknown) => void): void;
  /** Stop polling and wait for the run in progress. */
  stop(): Promise<void>;
}

/** Delay before attempt `attempts + 1`: exponential, capped, with "equal jitter" so retries of one burst spread out. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Create an outbox worker. Delivery is at-least-once across crashes and exactly-once between live workers holding leases. */
export function createOutboxWorker(deps: Deps, options: OutboxWorkerOptions): OutboxWorker {
  const batchSize = options.batchSize ?? 25;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 60 * 60_000;
  const maxBatches = options.maxBatchesPerRun ?? 40;
  const random = options.random ?? Math.random;
  const db = deps.database.db;

  async function claim(): Promise<OutboxRow[]> {
    // Sealed: recipients cannot be decrypted, so leave every row untouched until unsealed.
    if (deps.keyring.sealed) return [];
    const now = deps.clock.now();
    return claimDue(db, deps.database.dialect, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), batchSize);
  }

  async function deliverOne(row: OutboxRow): Promise<'sent' | 'retried' | 'dead'> {
    const lease = new Date(row.claimed_until as string | Date).toISOString();
    const attempts = row.attempts + 1;
    const fail = async (err: ChannelError): Promise<'retried' | 'dead'> => {
      const error = err.message.slice(0, 300);
      if (err.kind === 'retryable' && attempts < maxAttempts) {
        const nextAttemptAt = new Date(
          deps.clock.now().getTime() + retryDelayMs(attempts, baseDelayMs, maxDelayMs, random),
        ).toISOString();
        await settle(db, row.id, lease, { status: 'pending', attempts, nextAttemptAt, error });
        return 'retried';
      }
      await settle(db, row.id, lease, { status: 'dead', attempts, error });
      return 'dead';
    };
    let payload: OutboxPayloadT;
    try {
      // Claimed only unsealed (above): the body is decrypted like the recipient.
      const body = row.payload_enc !== null ? deps.keyring.decrypt('contact', row.payload_enc) : row.payload;
      payload = OutboxPayload.parse(fromJson(body ?? ''));
    } catch {
      // Written by an older or broken version: give it up rather than render half of it.
      return fail(new ChannelError('permanent', 'outbox: unreadable payload'));
    }
    const handler = options.handlers[payload.type];
    if (!handler) return fail(new ChannelError('permanent', `outbox: no handler for ${String(payload.type)}`));
    const channel = options.channels[row.channel];
    // Not configured (yet): keep retrying on the backoff, an admin may add it.
    if (!channel) return fail(new ChannelError('retryable', `outbox: channel ${row.channel} not configured`));
    try {
      const recipient = deps.keyring.decrypt('contact', row.recipient_enc);
      const message = await handler.render(row, payload, recipient);
      if (!message) {
        await settle(db, row.id, lease, { status: 'dead', attempts: row.attempts, error: 'cancelled' });
        return 'dead';
      }
      await channel.send(message);
    } catch (e) {
      const err = asChannelError(e);
      if (err.kind === 'gone') await handler.gone?.(row, payload);
      return fail(err);
    }
    await settle(db, row.id, lease, { status: 'sent', attempts, at: deps.clock.now().toISOString() });
    return 'sent';
  }

  async function deliver(rows: OutboxRow[]): Promise<RunResult> {
    const result: RunResult = { claimed: rows.length, sent: 0, retried: 0, dead: 0 };
    const outcomes = await Promise.all(rows.map((r) => deliverOne(r)));
    for (const o of outcomes) result[o]++;
    return result;
  }

  async function runOnce(): Promise<RunResult> {
    const total: RunResult = { claimed: 0, sent: 0, retried: 0, dead: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const rows = await claim();
      if (rows.length === 0) break;
      const r = await deliver(rows);
      for (const k of Object.keys(total) as (keyof RunResult)[]) total[k] += r[k];
      if (rows.length < batchSize) break;
    }
    return total;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    runOnce,
    claim,
    deliver,
    start(everyMs, onError) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = runOnce()
          .catch(onError)
          .finally(() => {
            running = undefined;
          });
      }, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
