import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import { toBool, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { findAccountsByIds } from '../identity/index.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A sign-up row, decoded. */
export interface SignupRow {
  id: string;
  occurrenceId: string;
  slotId: string;
  accountId: string;
  displayName: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'swapped';
  swapOffered: boolean;
  overridden: boolean;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  queuedAt: string;
}

/** Sign-ups of some occurrences with names (from identity, in one batched read), oldest in the queue first. */
export async function signupsOf(db: Db, keyring: Keyring, occurrenceIds: string[]): Promise<SignupRow[]> {
  if (occurrenceIds.length === 0) return [];
  const out: Omit<SignupRow, 'displayName'>[] = [];
  for (let i = 0; i < occurrenceIds.length; i += 500) {
    const rows = await db
      .selectFrom('shift_signups as su')
      .select([
        'su.id',
        'su.occurrence_id',
        'su.slot_id',
        'su.account_id',
        'su.status',
        'su.swap_offered',
        'su.certification_overridden',
        'su.checked_in_at',
        'su.checked_out_at',
        'su.queued_at',
      ])
      .where('su.occurrence_id', 'in', occurrenceIds.slice(i, i + 500))
      .orderBy('su.queued_at')
      // Same instant: ids are time-ordered (UUIDv7), so the earlier row first on both dialects.
      .orderBy('su.id')
      .execute();
    out.push(
      ...rows.map((r) => ({
        id: r.id,
        occurrenceId: r.occurrence_id,
        slotId: r.slot_id,
        accountId: r.account_id,
        status: r.status as SignupRow['status'],
        swapOffered: toBool(r.swap_offered),
        overridden: toBool(r.certification_overridden),
        checkedInAt: toIsoOrNull(r.checked_in_at),
        checkedOutAt: toIsoOrNull(r.checked_out_at),
        queuedAt: toIso(r.queued_at),
      })),
    );
  }
  const accounts = await findAccountsByIds(
    db,
    keyring,
    out.map((s) => s.accountId),
  );
  return out.flatMap((s) => {
    const account = accounts.get(s.accountId);
    return account ? [{ ...s, displayName: account.displayName }] : [];
  });
}

/** One sign-up of the network. */
export async function findSignup(db: Db, keyring: Keyring, networkId: string, signupId: string): Promise<SignupRow | undefined> {
  const r = await db
    .selectFrom('shift_signups')
    .select('occurrence_id')
    .where('network_id', '=', networkId)
    .where('id', '=', signupId)
    .executeTakeFirst();
  if (!r) return undefined;
  return (await signupsOf(db, keyring, [r.occurrence_id])).find((s) => s.id === signupId);
}

/** Confirmed people on one slot of an occurrence. */
export async function confirmedCount(db: Db, occurrenceId: string, slotId: string): Promise<number> {
  const r = await db
    .selectFrom('shift_signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('occurrence_id', '=', occurrenceId)
    .where('slot_id', '=', slotId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether the account is on another shift (confirmed) overlapping [startsAt, endsAt). */
export async function busyAccounts(db: Db, networkId: string, startsAt: string, endsAt: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .select('su.account_id')
    .where('su.network_id', '=', networkId)
    .where('su.status', 'in', ['confirmed', 'waitlisted'])
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '<', endsAt)
    .where('o.ends_at', '>', startsAt)
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

/** Insert or revive a person's sign-up row on an occurrence (one row per person and occurrence). */
export async function putSignup(
  trx: Db,
  s: {
    id: string;
    networkId: string;
    occurrenceId: string;
    slotId: string;
    accountId: string;
    status: string;
    assignedBy: string | null;
    overridden: boolean;
    now: string;
  },
): Promise<string> {
  const existing = await trx
    .selectFrom('shift_signups')
    .select('id')
    .where('occurrence_id', '=', s.occurrenceId)
    .where('account_id', '=', s.accountId)
    .executeTakeFirst();
  const fields = {
    slot_id: s.slotId,
    status: s.status,
    assigned_by: s.assignedBy,
    certification_overridden: s.overridden ? 1 : 0,
    swap_offered: 0,
    checked_in_at: null,
    checked_out_at: null,
    queued_at: s.now,
    updated_at: s.now,
  };
  if (existing) {
    await trx.updateTable('shift_signups').set(fields).where('id', '=', existing.id).execute();
    return existing.id;
  }
  await trx
    .insertInto('shift_signups')
    .values({
      id: s.id,
      network_id: s.networkId,
      occurrence_id: s.occurrenceId,
      account_id: s.accountId,
      created_at: s.now,
      ...fields,
    })
    .execute();
  return s.id;
}

/** Change a sign-up (an edit moves it to the continuing series' slot with `slot_id`). */
export async function updateSignup(
  trx: Db,
  id: string,
  set: Partial<{
    slot_id: string;
    status: string;
    swap_offered: number;
    checked_in_at: string;
    checked_out_at: string;
    updated_at: string;
  }>,
): Promise<void> {
  await trx.updateTable('shift_signups').set(set).where('id', '=', id).execute();
}
