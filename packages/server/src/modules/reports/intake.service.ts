import type { CreateReportRequest, Language } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import type { NetworkRow } from '../networks/index.ts';
import type { Location } from '../places/index.ts';
import { writeBatch, type Written } from './intake-batch.ts';
import { inIntakeTransaction, type Committed } from './intake-transaction.ts';

/** One report arriving by any door (see intake-door.ts). */
export interface IntakeInput {
  report: z.infer<typeof CreateReportRequest>;
  source: 'web' | 'api' | 'sms' | 'phone';
  /** Language to fall back to when the report names none. */
  language: Language;
  idempotencyKey?: string;
  smsMessageSid?: string;
  /** A signed-in member filing it: vouched members' reports weigh more. */
  reporterAccountId?: string;
  /** An SMS a dispatcher must still structure. */
  needsStructuring?: boolean;
  /** Photo, already re-encoded and stripped of metadata, base64 (stored encrypted). */
  photoBase64?: string;
  /** Whether the reporter is a vouched member (the door decides). */
  trusted: boolean;
  /** Where it is, as the door worked it out from the point or the words (see intake-door.ts). */
  located?: Location;
  /** A report held while sealed, filed now: its receipt code stays, its held row goes with this write. */
  held?: { id: string; receiptCode: string };
}

/** What the reporter is told. */
export interface Receipt {
  receiptCode: string;
  language: Language;
  receivedAt: string;
  /** False when this was a replay of an earlier submission (idempotency key or SMS id). */
  created: boolean;
}

/** A report waiting for the next group commit. */
export interface Pending {
  networkId: string;
  settings: { radiusMeters: number; windowMinutes: number };
  input: IntakeInput;
  trusted: boolean;
  resolve(r: Receipt): void;
  reject(e: unknown): void;
}

// Most reports a group commit takes at once; more wait for the next one.
const MAX_BATCH = 256;

/**
 * Group commit: reports that arrive while a transaction is being written wait and are
 * written together in the next one, so each fsync acknowledges many reports. Nothing is
 * acknowledged, and no event published, before its transaction is on disk; the next batch
 * may be written while the last one's fsync runs.
 */
class IntakeBatcher {
  private queue: Pending[] = [];
  private running = false;
  // Events go out in commit order, one batch after another, without holding up the next write.
  private publishing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: Deps) {}

  submit(p: Omit<Pending, 'resolve' | 'reject'>): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...p, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const committed = await this.write(batch);
        this.settle(batch, committed);
        // The next batch's sync could not start before this one's ends anyway: writing it
        // meanwhile only makes it smaller. Waiting lets more reports share its commit.
        await committed.durable.catch(() => undefined);
      } catch {
        // One bad report must not sink the others: write them one by one.
        for (const p of batch) {
          try {
            this.settle([p], await this.write([p]));
          } catch (err) {
            p.reject(err);
          }
        }
      }
    }
    this.running = false;
  }

  /** Acknowledge a committed batch and publish its events once it is durable. */
  private settle(batch: Pending[], committed: Committed<Written[]>): void {
    const { durable, result } = committed;
    durable.then(
      () => batch.forEach((p, i) => p.resolve(result[i].receipt)),
      // Committed but not known to be on disk: say so rather than acknowledge it.
      (err) => batch.forEach((p) => p.reject(err)),
    );
    // Events go out in commit order (each batch after the one before), once durable.
    const events = result.flatMap((r) => r.events);
    if (events.length === 0) return;
    this.publishing = this.publishing
      .then(() => durable)
      .then(() => this.deps.events.publishAll(events))
      .catch(() => undefined);
  }

  private write(batch: Pending[]): Promise<Committed<Written[]>> {
    return inIntakeTransaction(this.deps.database, this.deps.keyring, (store) => writeBatch(store, this.deps, batch));
  }
}

const batchers = new WeakMap<Deps, IntakeBatcher>();

/** Whether filing this report writes a sealed column (its words, its point or place, a contact or a photo). */
function holdsSealedFields(input: IntakeInput): boolean {
  const r = input.report;
  return Boolean(r.contact || input.photoBase64 || r.locationText || r.description || r.point || input.located?.point);
}

/**
 * File a report for a network (the doors call this through openIntake, which looked the
 * network up and decided whether the reporter is trusted). Resolves once it is on disk.
 */
export async function fileReport(deps: Deps, network: NetworkRow, input: IntakeInput): Promise<Receipt> {
  // Sealed: nothing sensitive may be written in clear, and what a report says, where, and how to
  // call back are all sealed at rest: refuse it with a clear 503 `sealed` before it is queued.
  if (holdsSealedFields(input) && deps.keyring.sealed) throw new AppError('sealed', 503);
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = new IntakeBatcher(deps);
    batchers.set(deps, batcher);
  }
  const { clusterRadiusMeters, clusterWindowMinutes } = network.settings.rapidResponse;
  return batcher.submit({
    networkId: network.id,
    settings: { radiusMeters: clusterRadiusMeters, windowMinutes: clusterWindowMinutes },
    input,
    trusted: input.trusted,
  });
}
