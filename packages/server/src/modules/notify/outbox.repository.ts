import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';

type Db = Kysely<DB> | Transaction<DB>;

import type { OutboxPayloadT, OutboxRow } from '../../platform/outbox-handler.ts';

export type { OutboxRow };

/** A new message for the outbox; `dedupeKey` makes enqueueing the same message twice a no-op. */
export interface NewOutboxRow {
  id: string;
  networkId: string | null;
  channel: string;
  recipientEnc: string;
  /** What the message says, rendered in the recipient's language when sent (never the recipient). */
  payload: OutboxPayloadT;
  dedupeKey: string;
  now: string;
}

/** Insert outbox rows (in the caller's transaction), in chunks under SQLite's bound-parameter limit. */
export async function insertOutboxRows(db: Db, keyring: Keyring, rows: NewOutboxRow[]): Promise<void> {
  const values = rows.map((r) => ({
    id: r.id,
    network_id: r.networkId,
    channel: r.channel,
    recipient_enc: r.recipientEnc,
    // Bodies can name streets and carry sign-in links: encrypted like the recipient.
    payload: null,
    payload_enc: keyring.encrypt('contact', JSON.stringify(r.payload)),
    dedupe_key: r.dedupeKey,
    status: 'pending',
    attempts: 0,
    next_attempt_at: r.now,
    claimed_until: null,
    last_error: null,
    created_at: r.now,
    sent_at: null,
  }));
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('outbox')
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
}

/**
 * Claim up to `limit` due rows by setting their lease in one statement. A row is due when
 * pending, its next attempt has come and no live lease holds it. On PostgreSQL the inner
 * select skips rows another worker has locked, so concurrent claimers never wait on or
 * take the same row; SQLite runs one writer at a time, so the single UPDATE is atomic.
 * The outer WHERE repeats the lease test so a row re-read after a lock wait is re-checked.
 */
export async function claimDue(
  db: Kysely<DB>,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  let due = db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('outbox')
    .set({ claimed_until: leaseUntil })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .returningAll()
    .execute();
}

/**
 * Settle a claimed row: sent, back to pending for a retry, or dead. Only the holder of
 * the lease (`claimedUntil`, as set by claimDue) may settle it; false if the lease was lost.
 */
export async function settle(
  db: Kysely<DB>,
  id: string,
  claimedUntil: string,
  outcome:
    | { status: 'sent'; attempts: number; at: string }
    | { status: 'pending'; attempts: number; nextAttemptAt: string; error: string }
    | { status: 'dead'; attempts: number; error: string },
): Promise<boolean> {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent', attempts: outcome.attempts, sent_at: outcome.at, claimed_until: null, last_error: null }
      : outcome.status === 'pending'
        ? {
            status: 'pending',
            attempts: outcome.attempts,
            next_attempt_at: outcome.nextAttemptAt,
            claimed_until: null,
            last_error: outcome.error,
          }
        : { status: 'dead', attempts: outcome.attempts, claimed_until: null, last_error: outcome.error };
  const r = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', id)
    .where('claimed_until', '=', claimedUntil)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counts by status, for health checks and tests. */
export async function countByStatus(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (e) => e.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Delete sent and dead rows created before `before` (they hold a recipient); returns how many. */
export async function deleteSettledBefore(db: Db, before: string): Promise<number> {
  const r = await db
    .deleteFrom('outbox')
    .where('status', 'in', ['sent', 'dead'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Move one batch of plaintext bodies (rows from before 2026-12-04T0013) into payload_enc. Unsealed only. */
export async function sealOutboxBatch(db: Kysely<DB>, keyring: Keyring, limit = 200): Promise<number> {
  if (keyring.sealed) return 0;
  const rows = await db.selectFrom('outbox').select(['id', 'payload']).where('payload', 'is not', null).limit(limit).execute();
  for (const r of rows)
    await db
      .updateTable('outbox')
      .set({ payload_enc: keyring.encrypt('contact', r.payload!), payload: null })
      .where('id', '=', r.id)
      .where('payload', '=', r.payload!)
      .execute();
  return rows.length;
}
