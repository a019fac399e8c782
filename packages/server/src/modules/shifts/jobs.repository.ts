import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

// What the scheduled shift jobs (reminders, no-shows) read: one query each per run, whatever
// the number of rows. Network slugs, zones and people come from their owners, also batched.

/** A confirmed sign-up on a shift starting soon, with the series' reminder offsets. */
export interface ReminderCandidate {
  signupId: string;
  accountId: string;
  queuedAt: string;
  networkId: string;
  startsAt: string;
  title: string;
  reminderMinutes: number[];
  siteName: string;
}

/** Confirmed sign-ups on live occurrences starting in (after, until]. */
export async function reminderCandidates(db: Db, after: string, until: string): Promise<ReminderCandidate[]> {
  const rows = await db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select([
      'su.id',
      'su.account_id',
      'su.queued_at',
      'o.network_id',
      'o.starts_at',
      'se.title',
      'se.reminder_minutes',
      's.name as site_name',
    ])
    .where('su.status', '=', 'confirmed')
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>', after)
    .where('o.starts_at', '<=', until)
    .execute();
  return rows.map((r) => ({
    signupId: r.id,
    accountId: r.account_id,
    queuedAt: toIso(r.queued_at),
    networkId: r.network_id,
    startsAt: toIso(r.starts_at),
    title: r.title,
    reminderMinutes: fromJson<number[]>(r.reminder_minutes),
    siteName: r.site_name,
  }));
}

/** A live occurrence that started in the window and has not been checked for no-shows. */
export interface NoShowCandidate {
  occurrenceId: string;
  networkId: string;
  startsAt: string;
  title: string;
  graceMinutes: number;
  siteName: string;
  organizationId: string;
}

/** Unchecked live occurrences starting in (after, until]. */
export async function noShowCandidates(db: Db, after: string, until: string): Promise<NoShowCandidate[]> {
  const rows = await db
    .selectFrom('shift_occurrences as o')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select([
      'o.id',
      'o.network_id',
      'o.starts_at',
      'se.title',
      'se.no_show_grace_minutes',
      's.name as site_name',
      's.organization_id',
    ])
    .where('o.no_show_checked', '=', 0)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '<=', until)
    .where('o.starts_at', '>', after)
    .execute();
  return rows.map((r) => ({
    occurrenceId: r.id,
    networkId: r.network_id,
    startsAt: toIso(r.starts_at),
    title: r.title,
    graceMinutes: Number(r.no_show_grace_minutes),
    siteName: r.site_name,
    organizationId: r.organization_id,
  }));
}

/** Accounts confirmed on each of these occurrences who never checked in (one query per 500). */
export async function missingCheckIns(db: Db, occurrenceIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < occurrenceIds.length; i += 500) {
    const rows = await db
      .selectFrom('shift_signups')
      .select(['occurrence_id', 'account_id'])
      .where('occurrence_id', 'in', occurrenceIds.slice(i, i + 500))
      .where('status', '=', 'confirmed')
      .where('checked_in_at', 'is', null)
      .orderBy('queued_at')
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.occurrence_id, [...(out.get(r.occurrence_id) ?? []), r.account_id]);
  }
  return out;
}

/** Mark occurrences as checked for no-shows, so each is reported once (one statement per 500). */
export async function markNoShowsChecked(trx: Db, occurrenceIds: readonly string[]): Promise<void> {
  for (let i = 0; i < occurrenceIds.length; i += 500)
    await trx
      .updateTable('shift_occurrences')
      .set({ no_show_checked: 1 })
      .where('id', 'in', occurrenceIds.slice(i, i + 500))
      .execute();
}
