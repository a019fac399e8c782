import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** One person's sign-up on one shift, as the attendance export lists it (names come from identity). */
export interface AttendanceRow {
  siteName: string;
  title: string;
  startsAt: string;
  accountId: string;
  status: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  certificationOverridden: boolean;
}

/**
 * Sign-ups (on, swapped away or cancelled) of shifts starting in [from, to), by start then
 * site; `orgIds` limits it to sites those organizations own.
 */
export async function attendanceRows(
  db: Db,
  networkId: string,
  from: string,
  to: string,
  orgIds: readonly string[] | undefined,
): Promise<AttendanceRow[]> {
  let q = db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select([
      's.name as site_name',
      'se.title',
      'o.starts_at',
      'su.account_id',
      'su.status',
      'su.checked_in_at',
      'su.checked_out_at',
      'su.certification_overridden',
    ])
    .where('su.network_id', '=', networkId)
    .where('su.status', 'in', ['confirmed', 'swapped', 'cancelled'])
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to);
  if (orgIds) q = q.where('s.organization_id', 'in', orgIds.length ? [...orgIds] : ['-']);
  const rows = await q.orderBy('o.starts_at').orderBy('s.name').execute();
  return rows.map((r) => ({
    siteName: r.site_name,
    title: r.title,
    startsAt: toIso(r.starts_at),
    accountId: r.account_id,
    status: r.status,
    checkedInAt: toIsoOrNull(r.checked_in_at),
    checkedOutAt: toIsoOrNull(r.checked_out_at),
    certificationOverridden: Boolean(r.certification_overridden),
  }));
}
