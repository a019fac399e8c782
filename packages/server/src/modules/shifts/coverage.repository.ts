import { sql, type Kysely, type Transaction } from 'kysely';
import { toIso } from '../../db/rows.ts';
import type { DB, Ts } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** One slot of one occurrence with how many people are confirmed on it. */
export interface CoverageSlotRow {
  occurrenceId: string;
  siteId: string;
  siteName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  slotId: string;
  label: string | null;
  peopleNeeded: number;
  courseId: string | null;
  confirmed: number;
}

function toCoverageSlot(
  r: {
    id: string;
    site_id: string;
    site_name: string;
    title: string;
    starts_at: Ts;
    ends_at: Ts;
    local_date: string;
    slot_id: string;
    label: string | null;
    people_needed: number;
    course_id: string | null;
  },
  confirmed: number,
): CoverageSlotRow {
  return {
    occurrenceId: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    title: r.title,
    startsAt: toIso(r.starts_at),
    endsAt: toIso(r.ends_at),
    localDate: r.local_date,
    slotId: r.slot_id,
    label: r.label,
    peopleNeeded: Number(r.people_needed),
    courseId: r.course_id,
    confirmed,
  };
}

/**
 * Slots of occurrences starting in [from, to) with their confirmed count: one plain
 * occurrence × slot read and one grouped count of confirmed sign-ups, merged in memory
 * (cheaper on both engines than grouping the wide joined rows). `orgIds` limits it to
 * sites those organizations own.
 */
export async function coverageRows(
  db: Db,
  networkId: string,
  from: string,
  to: string,
  filter: { orgIds?: string[]; siteId?: string } = {},
): Promise<CoverageSlotRow[]> {
  let slots = db
    .selectFrom('shift_occurrences as o')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('shift_slots as sl', 'sl.series_id', 'o.series_id')
    .select([
      'o.id',
      'o.site_id',
      's.name as site_name',
      'se.title',
      'o.starts_at',
      'o.ends_at',
      'o.local_date',
      'sl.id as slot_id',
      'sl.label',
      'sl.people_needed',
      'sl.course_id',
    ])
    .where('o.network_id', '=', networkId)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to);
  let counts = db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .select((eb) => ['su.occurrence_id', 'su.slot_id', eb.fn.countAll<number>().as('n')])
    .where('o.network_id', '=', networkId)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to)
    .where('su.status', '=', 'confirmed');
  if (filter.orgIds) {
    const orgs = filter.orgIds.length ? filter.orgIds : ['-'];
    slots = slots.where('s.organization_id', 'in', orgs);
    counts = counts.where(
      'o.site_id',
      'in',
      db.selectFrom('sites').select('id').where('network_id', '=', networkId).where('organization_id', 'in', orgs),
    );
  }
  if (filter.siteId) {
    slots = slots.where('o.site_id', '=', filter.siteId);
    counts = counts.where('o.site_id', '=', filter.siteId);
  }
  const [rows, confirmed] = await Promise.all([slots.execute(), counts.groupBy(['su.occurrence_id', 'su.slot_id']).execute()]);
  const byKey = new Map(confirmed.map((c) => [`${c.occurrence_id}:${c.slot_id}`, Number(c.n)]));
  return rows.map((r) => toCoverageSlot(r, byKey.get(`${r.id}:${r.slot_id}`) ?? 0));
}

/**
 * The coverage view's read, done by the database: every slot of occurrences starting in
 * [from, to) gets its confirmed count and state; totals per state are window sums over
 * all of them; only the `limit` most urgent (empty, short, filled; then by time and site)
 * leave the database. Portable SQL: window functions run on SQLite ≥ 3.25 and PostgreSQL.
 */
export async function coverageView(
  db: Db,
  networkId: string,
  from: string,
  to: string,
  filter: { orgIds?: string[]; siteId?: string },
  limit: number,
): Promise<{ rows: CoverageSlotRow[]; totals: { empty: number; short: number; filled: number }; all: number }> {
  let counts = db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as co', 'co.id', 'su.occurrence_id')
    .select((eb) => ['su.occurrence_id', 'su.slot_id', eb.fn.countAll<number>().as('n')])
    .where('co.network_id', '=', networkId)
    .where('co.starts_at', '>=', from)
    .where('co.starts_at', '<', to)
    .where('su.status', '=', 'confirmed')
    .groupBy(['su.occurrence_id', 'su.slot_id']);
  if (filter.siteId) counts = counts.where('co.site_id', '=', filter.siteId);
  const confirmed = sql<number>`coalesce(c.n, 0)`;
  const rank = sql<number>`case when coalesce(c.n, 0) = 0 then 0 when coalesce(c.n, 0) < sl.people_needed then 1 else 2 end`;
  let q = db
    .with('c', () => counts)
    .selectFrom('shift_occurrences as o')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('shift_slots as sl', 'sl.series_id', 'o.series_id')
    .leftJoin('c', (j) => j.onRef('c.occurrence_id', '=', 'o.id').onRef('c.slot_id', '=', 'sl.id'))
    .select([
      'o.id',
      'o.site_id',
      's.name as site_name',
      'se.title',
      'o.starts_at',
      'o.ends_at',
      'o.local_date',
      'sl.id as slot_id',
      'sl.label',
      'sl.people_needed',
      'sl.course_id',
      confirmed.as('confirmed'),
      rank.as('state_rank'),
      sql<number>`sum(case when coalesce(c.n, 0) = 0 then 1 else 0 end) over ()`.as('total_empty'),
      sql<number>`sum(case when coalesce(c.n, 0) > 0 and coalesce(c.n, 0) < sl.people_needed then 1 else 0 end) over ()`.as(
        'total_short',
      ),
      sql<number>`count(*) over ()`.as('total_all'),
    ])
    .where('o.network_id', '=', networkId)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to);
  if (filter.orgIds) q = q.where('s.organization_id', 'in', filter.orgIds.length ? filter.orgIds : ['-']);
  if (filter.siteId) q = q.where('o.site_id', '=', filter.siteId);
  const rows = await q.orderBy(rank).orderBy('o.starts_at').orderBy('s.name').orderBy('sl.position').limit(limit).execute();
  const first = rows[0];
  const all = first ? Number(first.total_all) : 0;
  const empty = first ? Number(first.total_empty) : 0;
  const short = first ? Number(first.total_short) : 0;
  return {
    rows: rows.map((r) => toCoverageSlot(r, Number(r.confirmed))),
    totals: { empty, short, filled: all - empty - short },
    all,
  };
}

/** One person checked in and not yet out (names come from identity). */
export interface OnSiteRow {
  siteId: string;
  siteName: string;
  occurrenceId: string;
  accountId: string;
  checkedInAt: string;
}

/**
 * Confirmed sign-ups checked in and not out, of occurrences starting after `since`, by site
 * name; `orgIds` limits it to sites those organizations own.
 */
export async function onSiteRows(db: Db, networkId: string, since: string, orgIds: string[] | undefined): Promise<OnSiteRow[]> {
  let q = db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select(['s.id as site_id', 's.name as site_name', 'o.id as occurrence_id', 'su.account_id', 'su.checked_in_at'])
    .where('su.network_id', '=', networkId)
    .where('su.status', '=', 'confirmed')
    .where('su.checked_in_at', 'is not', null)
    .where('su.checked_out_at', 'is', null)
    .where('o.starts_at', '>', since);
  if (orgIds) q = q.where('s.organization_id', 'in', orgIds.length ? orgIds : ['-']);
  const rows = await q.orderBy('s.name').execute();
  return rows.map((r) => ({
    siteId: r.site_id,
    siteName: r.site_name,
    occurrenceId: r.occurrence_id,
    accountId: r.account_id,
    checkedInAt: toIso(r.checked_in_at!),
  }));
}
