import { createHash } from 'node:crypto';
import type { Language } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { intakeKeyPair, openBox, sealedToKeyId, sealTo, type BoxKeyPair } from '../../platform/crypto/sealed-box.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { readState, writeState } from '../../platform/state/system-state.ts';
import { findNetworkById, type NetworkRow } from '../networks/index.ts';
import { intakeStore } from './intake.repository.ts';
import type { IntakeInput, Receipt } from './intake.service.ts';
import { newReceiptCode } from './receipt-code.ts';
import * as repo from './sealed-intake.repository.ts';

/**
 * Intake while sealed (decision 0016). A sealed server cannot encrypt a callback number or
 * a report's words under its field keys, but it can encrypt them to the sealed-intake
 * public key it stored the last time it was unsealed. Such reports wait in `sealed_intake`
 * and are filed through the normal intake (same clustering, events, receipts) on unseal.
 */

/** What a door files: the report and how it came, before the door places and weighs it. */
export type DoorInput = Omit<IntakeInput, 'trusted' | 'located' | 'held'>;

/** What a box holds: a door's input, as it was validated. */
interface HeldInput {
  v: 1;
  input: DoorInput;
}

/** The system_state key of the current sealed-intake public key (raw X25519, base64url). */
const PUBLIC_KEY_STATE = 'sealed_intake.public_key';
/** Held reports decrypted and filed per group of the drain. */
const DRAIN_BATCH = 100;

/** Store the public half of the current key pair, so that a later sealed start can encrypt to it. */
export async function publishIntakeKey(deps: Deps): Promise<void> {
  if (deps.keyring.sealed) return;
  const value = intakeKeyPair(deps.keyring).publicKey.toString('base64url');
  const db = deps.database.db;
  if ((await readState(db, PUBLIC_KEY_STATE)) !== value) await writeState(db, PUBLIC_KEY_STATE, value);
}

async function storedPublicKey(deps: Deps): Promise<Buffer | undefined> {
  const value = await readState(deps.database.db, PUBLIC_KEY_STATE);
  const key = value ? Buffer.from(value, 'base64url') : undefined;
  return key?.length === 32 ? key : undefined;
}

/**
 * The replay key of a held report: SHA-256, not the keyed lookup hash (that needs the key).
 * Idempotency keys are random and MessageSids are the provider's ids: neither says who.
 */
export function dedupeHashOf(networkId: string, input: Pick<DoorInput, 'idempotencyKey' | 'smsMessageSid'>): string | null {
  const kind = input.idempotencyKey ? 'k' : input.smsMessageSid ? 's' : undefined;
  if (!kind) return null;
  const value = input.idempotencyKey ?? input.smsMessageSid;
  return createHash('sha256').update(`sealed-intake:${networkId}:${kind}:${value}`).digest('hex');
}

/**
 * Hold a report that arrived while sealed: sealed whole, stored, then acknowledged with
 * its receipt (the one it will keep once filed). A replay gets the first receipt. Without
 * a stored public key (never unsealed since sealed intake exists) it stays `sealed` 503.
 */
export async function holdSealed(deps: Deps, network: NetworkRow, input: DoorInput): Promise<Receipt> {
  const publicKey = await storedPublicKey(deps);
  if (!publicKey) throw new AppError('sealed', 503);
  const db = deps.database.db;
  const language = (input.report.language ?? input.language) as Language;
  // A replay of a report filed before the seal: its receipt, as the normal intake would answer.
  if (input.idempotencyKey || input.smsMessageSid) {
    const [existing] = await intakeStore(db, deps.database.dialect, deps.keyring).findExisting([
      { networkId: network.id, idempotencyKey: input.idempotencyKey, smsMessageSid: input.smsMessageSid },
    ]);
    if (existing) return { ...existing, language: existing.language as Language, created: false };
  }
  const dedupeHash = dedupeHashOf(network.id, input);
  const receivedAt = deps.clock.now().toISOString();
  // When it was seen is when it came, unless the reporter said: clustering after unseal uses it.
  const held: HeldInput = {
    v: 1,
    input: { ...input, report: { ...input.report, observedAt: input.report.observedAt ?? receivedAt } },
  };
  const sealed = sealTo(publicKey, JSON.stringify(held));
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = { id: newId(), networkId: network.id, receivedAt, sealed, dedupeHash, receiptCode: newReceiptCode() };
    if (await repo.insertHeld(db, row)) {
      heldKnown.set(deps, true);
      return { receiptCode: row.receiptCode, language, receivedAt, created: true };
    }
    const prior = dedupeHash ? await repo.findHeldByDedupe(db, network.id, dedupeHash) : undefined;
    if (prior) return { receiptCode: prior.receiptCode, language, receivedAt: prior.receivedAt, created: false };
    // Otherwise the receipt code was taken (one in 2^40): draw another.
  }
  throw new Error('could not store a report held while sealed');
}

/** Per process: whether held rows may exist (unknown until first asked; false once a drain emptied the queue). */
const heldKnown = new WeakMap<Deps, boolean>();

/**
 * Whether held rows may exist, as this process knows (true until a drain found the queue
 * empty): the normal intake then also looks for a replay among them (intake-batch.ts).
 */
export function heldMayExist(deps: Deps): boolean {
  return heldKnown.get(deps) !== false;
}

/** Whether a receipt code is a report still held (its reporter is told it was received). */
export function isHeldReceipt(deps: Deps, networkId: string, receiptCode: string): Promise<boolean> {
  return repo.isHeldReceipt(deps.database.db, networkId, receiptCode);
}

/** What a drain did. */
export interface DrainResult {
  /** Filed as reports (or found filed already: a replay), their rows deleted. */
  filed: number;
  /** Their network no longer exists, or their SMS sender is blocked: deleted, audited. */
  dropped: number;
  /** Sealed to a key pair this server does not hold (a rotated key without its previous key file): kept. */
  unreadable: number;
  /** Filing failed (kept, tried again at the next unseal). */
  failed: number;
}

/**
 * Places and weighs a held report as its door would (intake-door.ts), one at a time in
 * arrival order; the returned function files it through the normal intake.
 */
export type PrepareHeld = (
  network: NetworkRow,
  input: DoorInput,
  held: { id: string; receiptCode: string },
) => Promise<(() => Promise<unknown>) | DropReason>;

/** Why a held report is not filed: see dropHeld. */
type DropReason = 'sender_blocked' | 'alert_reply';

const draining = new WeakMap<Deps, Promise<DrainResult>>();

/**
 * File every held report, oldest first, in groups: each group is decrypted, placed one by
 * one in order, then handed to the normal intake together (one group commit), and each
 * held row is deleted in the transaction that writes its report. One drain at a time.
 */
export function drainSealedIntake(deps: Deps, prepare: PrepareHeld): Promise<DrainResult> {
  const running = draining.get(deps);
  if (running) return running;
  const started = drain(deps, prepare).finally(() => draining.delete(deps));
  draining.set(deps, started);
  return started;
}

async function drain(deps: Deps, prepare: PrepareHeld): Promise<DrainResult> {
  const result: DrainResult = { filed: 0, dropped: 0, unreadable: 0, failed: 0 };
  if (deps.keyring.sealed) return result;
  const db = deps.database.db;
  // The current pair and those of earlier master keys still loaded (rotation: decision 0016).
  const pairs = new Map<string, BoxKeyPair>();
  for (const k of [deps.keyring, ...deps.keyring.previousKeyrings()]) {
    const pair = intakeKeyPair(k);
    pairs.set(pair.keyId, pair);
  }
  const networks = new Map<string, NetworkRow | undefined>();
  let cursor: { receivedAt: string; id: string } | undefined;
  for (;;) {
    const rows = await repo.nextHeld(db, cursor, DRAIN_BATCH);
    if (rows.length === 0) {
      // Re-checked rather than assumed: a sealed node beside this one may have held more meanwhile.
      heldKnown.set(deps, (await repo.countHeld(db)) > 0);
      return result;
    }
    cursor = rows[rows.length - 1];
    const files: (() => Promise<unknown>)[] = [];
    for (const row of rows) {
      if (!networks.has(row.networkId)) networks.set(row.networkId, await findNetworkById(db, row.networkId));
      const network = networks.get(row.networkId);
      if (!network) {
        await dropHeld(deps, row, 'network_gone');
        result.dropped++;
        continue;
      }
      const pair = pairs.get(sealedToKeyId(row.sealed) ?? '');
      let held: HeldInput | undefined;
      try {
        held = pair ? (JSON.parse(openBox(pair, row.sealed)) as HeldInput) : undefined;
      } catch {
        held = undefined;
      }
      if (!held || held.v !== 1) {
        result.unreadable++;
        continue;
      }
      try {
        const file = await prepare(network, held.input, { id: row.id, receiptCode: row.receiptCode });
        if (typeof file === 'string') {
          await dropHeld(deps, row, file);
          result.dropped++;
        } else files.push(file);
      } catch {
        result.failed++;
      }
    }
    // Handed over in order, without waiting in between: the group commits together.
    const outcomes = await Promise.allSettled(files.map((file) => file()));
    for (const o of outcomes) o.status === 'fulfilled' ? result.filed++ : result.failed++;
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * A held report not to file: its network was deleted meanwhile, its SMS sender is on the
 * blocklist, or the SMS was an alert reply that has now been applied (neither could be read
 * while sealed). Deleted, and the audit log says so.
 */
async function dropHeld(deps: Deps, row: repo.HeldRow, reason: 'network_gone' | DropReason): Promise<void> {
  const { database, clock } = deps;
  await database.db.transaction().execute(async (trx) => {
    await repo.deleteHeld(trx, [row.id]);
    await appendAudit(trx, database.dialect, clock.now(), {
      networkId: null,
      actorId: null,
      action: 'sealed_intake.dropped',
      targetType: 'sealed_intake',
      targetId: row.id,
      detail: { networkId: row.networkId, receivedAt: row.receivedAt, reason },
    });
  });
}

/** How many reports wait for the key. */
export function heldCount(deps: Deps): Promise<number> {
  return repo.countHeld(deps.database.db);
}
