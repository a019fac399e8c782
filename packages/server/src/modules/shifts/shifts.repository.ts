import { sql, type Kysely, type Transaction } from 'kysely';
import { fromJson, toBool, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { SitesTable } from '../../db/schema-shifts.ts';

/** A database or a transaction. */
export type Db = Kysely<DB> | Transaction<DB>;

/** Which sites a caller sees: everything (network admin), or by ownership and sharing. */
export interface SiteScope {
  all: boolean;
  /** The caller's active organizations. */
  orgIds: string[];
}

/** A site row, decoded (notes stay encrypted). */
export interface SiteRow {
  id: string;
  networkId: string;
  organizationId: string;
  organizationName: string;
  name: string;
  kind: string;
  address: string;
  lat: number;
  lng: number;
  cell: string;
  sharing: 'owner' | 'network' | 'organizations';
  notesEnc: string | null;
  languages: string[];
}

function siteQuery(db: Db, networkId: string) {
  return db
    .selectFrom('sites as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select([
      's.id',
      's.network_id',
      's.organization_id',
      'o.name as organization_name',
      's.name',
      's.kind',
      's.address',
      's.lat',
      's.lng',
      's.cell',
      's.sharing',
      's.notes_enc',
      's.languages',
    ])
    .where('s.network_id', '=', networkId);
}

function toSite(r: Omit<SitesTable, 'created_at' | 'updated_at'> & { organization_name: string }): SiteRow {
  return {
    id: r.id,
    networkId: r.network_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    name: r.name,
    kind: r.kind,
    address: r.address,
    lat: Number(r.lat),
    lng: Number(r.lng),
    cell: r.cell,
    sharing: r.sharing as SiteRow['sharing'],
    notesEnc: r.notes_enc,
    languages: fromJson<string[]>(r.languages),
  };
}

/** Ids of the sites a scope sees, as a subquery (ownership, network sharing, named sharing). */
export function visibleSiteIds(db: Db, networkId: string, scope: SiteScope) {
  let q = db.selectFrom('sites as vs').select('vs.id').where('vs.network_id', '=', networkId);
  if (scope.all) return q;
  const orgs = scope.orgIds.length ? scope.orgIds : ['-'];
  q = q.where((eb) =>
    eb.or([
      eb('vs.organization_id', 'in', orgs),
      ...(scope.orgIds.length ? [eb('vs.sharing', '=', 'network')] : []),
      eb.and([
        eb('vs.sharing', '=', 'organizations'),
        eb.exists(
          eb
            .selectFrom('shares as sh')
            .select('sh.item_id')
            .where('sh.item_kind', '=', 'site')
            .whereRef('sh.item_id', '=', 'vs.id')
            .where('sh.organization_id', 'in', orgs),
        ),
      ]),
    ]),
  );
  return q;
}

/** Sites the scope sees, by name. */
export async function listSites(db: Db, networkId: string, scope: SiteScope): Promise<SiteRow[]> {
  const rows = await siteQuery(db, networkId)
    .where('s.id', 'in', visibleSiteIds(db, networkId, scope))
    .orderBy('s.name')
    .execute();
  return rows.map(toSite);
}

/** One site of the network (visibility is the caller's to check). */
export async function findSite(db: Db, networkId: string, siteId: string): Promise<SiteRow | undefined> {
  const r = await siteQuery(db, networkId).where('s.id', '=', siteId).executeTakeFirst();
  return r && toSite(r);
}

/** A series row, decoded. */
export interface SeriesRow {
  id: string;
  networkId: string;
  siteId: string;
  title: string;
  startDate: string;
  startTime: string;
  endTime: string;
  rrule: string | null;
  exceptions: string[];
  cancelCutoffHours: number;
  noShowGraceMinutes: number;
  reminderMinutes: number[];
  materializedUntil: string;
  /** Local date: no occurrence on or after it. */
  endsBefore: string | null;
  continuesSeriesId: string | null;
}

/** One series of the network. */
export async function findSeries(db: Db, networkId: string, seriesId: string): Promise<SeriesRow | undefined> {
  const r = await db
    .selectFrom('shift_series')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      networkId: r.network_id,
      siteId: r.site_id,
      title: r.title,
      startDate: r.start_date,
      startTime: r.start_time,
      endTime: r.end_time,
      rrule: r.rrule,
      exceptions: fromJson<string[]>(r.exceptions),
      cancelCutoffHours: Number(r.cancel_cutoff_hours),
      noShowGraceMinutes: Number(r.no_show_grace_minutes),
      reminderMinutes: fromJson<number[]>(r.reminder_minutes),
      materializedUntil: toIso(r.materialized_until),
      endsBefore: r.ends_before,
      continuesSeriesId: r.continues_series_id,
    }
  );
}

/** A slot row, decoded. */
export interface SlotRow {
  id: string;
  seriesId: string;
  position: number;
  label: string | null;
  peopleNeeded: number;
  courseId: string | null;
}

/** Slots of some series, in order. */
export async function slotsOfSeries(db: Db, seriesIds: string[]): Promise<SlotRow[]> {
  if (seriesIds.length === 0) return [];
  const out: SlotRow[] = [];
  for (let i = 0; i < seriesIds.length; i += 500) {
    const rows = await db
      .selectFrom('shift_slots')
      .selectAll()
      .where('series_id', 'in', seriesIds.slice(i, i + 500))
      .orderBy('series_id')
      .orderBy('position')
      .execute();
    out.push(
      ...rows.map((r) => ({
        id: r.id,
        seriesId: r.series_id,
        position: Number(r.position),
        label: r.label,
        peopleNeeded: Number(r.people_needed),
        courseId: r.course_id,
      })),
    );
  }
  return out;
}

/** An occurrence with its series title and site, decoded. */
export interface OccurrenceRow {
  id: string;
  seriesId: string;
  siteId: string;
  siteName: string;
  siteKind: string;
  address: string;
  organizationId: string;
  lat: number;
  lng: number;
  title: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
}

/** Occurrences joined with series and site. */
export function occurrenceQuery(db: Db, networkId: string) {
  return db
    .selectFrom('shift_occurrences as o')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .select([
      'o.id',
      'o.series_id',
      'o.site_id',
      's.name as site_name',
      's.kind as site_kind',
      's.address',
      's.organization_id',
      's.lat',
      's.lng',
      'se.title',
      'o.local_date',
      'o.starts_at',
      'o.ends_at',
      'o.cancelled',
    ])
    .where('o.network_id', '=', networkId);
}

/** Row → OccurrenceRow. */
export function toOccurrence(r: {
  id: string;
  series_id: string;
  site_id: string;
  site_name: string;
  site_kind: string;
  address: string;
  organization_id: string;
  lat: number;
  lng: number;
  title: string;
  local_date: string;
  starts_at: string | Date;
  ends_at: string | Date;
  cancelled: number;
}): OccurrenceRow {
  return {
    id: r.id,
    seriesId: r.series_id,
    siteId: r.site_id,
    siteName: r.site_name,
    siteKind: r.site_kind,
    address: r.address,
    organizationId: r.organization_id,
    lat: Number(r.lat),
    lng: Number(r.lng),
    title: r.title,
    localDate: r.local_date,
    startsAt: toIso(r.starts_at),
    endsAt: toIso(r.ends_at),
    cancelled: toBool(r.cancelled),
  };
}

/** One occurrence of the network. */
export async function findOccurrence(db: Db, networkId: string, occurrenceId: string): Promise<OccurrenceRow | undefined> {
  const r = await occurrenceQuery(db, networkId).where('o.id', '=', occurrenceId).executeTakeFirst();
  return r && toOccurrence(r);
}

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

/** Sign-ups of some occurrences with names, oldest in the queue first. */
export async function signupsOf(db: Db, occurrenceIds: string[]): Promise<SignupRow[]> {
  if (occurrenceIds.length === 0) return [];
  const out: SignupRow[] = [];
  for (let i = 0; i < occurrenceIds.length; i += 500) {
    const rows = await db
      .selectFrom('shift_signups as su')
      .innerJoin('accounts as a', 'a.id', 'su.account_id')
      .select([
        'su.id',
        'su.occurrence_id',
        'su.slot_id',
        'su.account_id',
        'a.display_name',
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
        displayName: r.display_name,
        status: r.status as SignupRow['status'],
        swapOffered: toBool(r.swap_offered),
        overridden: toBool(r.certification_overridden),
        checkedInAt: toIsoOrNull(r.checked_in_at),
        checkedOutAt: toIsoOrNull(r.checked_out_at),
        queuedAt: toIso(r.queued_at),
      })),
    );
  }
  return out;
}

/** One sign-up of the network. */
export async function findSignup(db: Db, networkId: string, signupId: string): Promise<SignupRow | undefined> {
  const r = await db
    .selectFrom('shift_signups')
    .select('occurrence_id')
    .where('network_id', '=', networkId)
    .where('id', '=', signupId)
    .executeTakeFirst();
  if (!r) return undefined;
  return (await signupsOf(db, [r.occurrence_id])).find((s) => s.id === signupId);
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

/** Lock an occurrence row for the transaction on PostgreSQL (SQLite has one writer anyway). */
export async function lockOccurrence(trx: Transaction<DB>, dialect: string, occurrenceId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from shift_occurrences where id = ${occurrenceId} for update`.execute(trx);
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

/** Change a sign-up. */
export async function updateSignup(
  trx: Db,
  id: string,
  set: Partial<{ status: string; swap_offered: number; checked_in_at: string; checked_out_at: string; updated_at: string }>,
): Promise<void> {
  await trx.updateTable('shift_signups').set(set).where('id', '=', id).execute();
}
