import { sql, type Kysely, type Transaction } from 'kysely';
import { toBool, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { openSiteLocation } from './site-location.ts';
import { type SiteScope, visibleSiteIds } from './sites.repository.ts';

/** A database or a transaction. */
export type Db = Kysely<DB> | Transaction<DB>;

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
function occurrenceQuery(db: Db, networkId: string) {
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
      's.address_enc',
      's.point_enc',
      'se.title',
      'o.local_date',
      'o.starts_at',
      'o.ends_at',
      'o.cancelled',
    ])
    .where('o.network_id', '=', networkId);
}

/** Row → OccurrenceRow. */
function toOccurrence(
  keyring: Keyring,
  r: {
    id: string;
    series_id: string;
    site_id: string;
    site_name: string;
    site_kind: string;
    address: string | null;
    organization_id: string;
    lat: number | null;
    lng: number | null;
    address_enc: string | null;
    point_enc: string | null;
    title: string;
    local_date: string;
    starts_at: string | Date;
    ends_at: string | Date;
    cancelled: number;
  },
): OccurrenceRow {
  const { address, lat, lng } = openSiteLocation(keyring, r);
  return {
    id: r.id,
    seriesId: r.series_id,
    siteId: r.site_id,
    siteName: r.site_name,
    siteKind: r.site_kind,
    address,
    organizationId: r.organization_id,
    lat,
    lng,
    title: r.title,
    localDate: r.local_date,
    startsAt: toIso(r.starts_at),
    endsAt: toIso(r.ends_at),
    cancelled: toBool(r.cancelled),
  };
}

/** One occurrence of the network. */
export async function findOccurrence(
  db: Db,
  keyring: Keyring,
  networkId: string,
  occurrenceId: string,
): Promise<OccurrenceRow | undefined> {
  const r = await occurrenceQuery(db, networkId).where('o.id', '=', occurrenceId).executeTakeFirst();
  return r && toOccurrence(keyring, r);
}

/** Lock an occurrence row for the transaction on PostgreSQL (SQLite has one writer anyway). */
export async function lockOccurrence(trx: Transaction<DB>, dialect: string, occurrenceId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from shift_occurrences where id = ${occurrenceId} for update`.execute(trx);
}

/** A dated occurrence to insert: local date and its instants, as ISO strings. */
export interface NewOccurrence {
  id: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
}

/** Insert occurrences of a series, skipping dates it already has; in chunks, to stay under the bound-parameter caps. */
export async function insertOccurrences(
  trx: Db,
  series: { id: string; networkId: string; siteId: string },
  occurrences: NewOccurrence[],
): Promise<void> {
  for (let i = 0; i < occurrences.length; i += 200) {
    await trx
      .insertInto('shift_occurrences')
      .values(
        occurrences.slice(i, i + 200).map((o) => ({
          id: o.id,
          series_id: series.id,
          network_id: series.networkId,
          site_id: series.siteId,
          local_date: o.localDate,
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          cancelled: 0,
          no_show_checked: 0,
        })),
      )
      .onConflict((oc) => oc.columns(['series_id', 'local_date']).doNothing())
      .execute();
  }
}

/** How many dates of a series are not skipped. */
export async function countLiveOccurrences(db: Db, seriesId: string): Promise<number> {
  const r = await db
    .selectFrom('shift_occurrences')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('series_id', '=', seriesId)
    .where('cancelled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Local dates of a series' next occurrences (not skipped) starting after an instant, soonest first. */
export async function upcomingDates(db: Db, seriesId: string, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('shift_occurrences')
    .select('local_date')
    .where('series_id', '=', seriesId)
    .where('cancelled', '=', 0)
    .where('starts_at', '>', after)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.local_date);
}

/** A series' occurrence on a local date, skipped or not. */
export async function occurrenceOnDate(
  db: Db,
  seriesId: string,
  localDate: string,
): Promise<{ id: string; startsAt: string; cancelled: boolean } | undefined> {
  const r = await db
    .selectFrom('shift_occurrences')
    .select(['id', 'starts_at', 'cancelled'])
    .where('series_id', '=', seriesId)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
  return r && { id: r.id, startsAt: toIso(r.starts_at), cancelled: toBool(r.cancelled) };
}

/** Skip an occurrence, or put it back (a change calendar feeds announce). */
export async function setOccurrenceCancelled(trx: Db, occurrenceId: string, cancelled: boolean, now: string): Promise<void> {
  await trx
    .updateTable('shift_occurrences')
    .set((eb) => ({ cancelled: cancelled ? 1 : 0, revision: eb('revision', '+', 1), updated_at: now }))
    .where('id', '=', occurrenceId)
    .execute();
}

/**
 * Occurrences not skipped starting in (after, before) at the sites a scope sees, soonest
 * first, at most `limit`; `ownOrganizations` keeps only sites of the scope's organizations.
 */
export async function openOccurrences(
  db: Db,
  keyring: Keyring,
  networkId: string,
  scope: SiteScope,
  window: { after: string; before: string },
  ownOrganizations: boolean,
  limit: number,
): Promise<OccurrenceRow[]> {
  let q = occurrenceQuery(db, networkId)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>', window.after)
    .where('o.starts_at', '<', window.before)
    .where('o.site_id', 'in', await visibleSiteIds(db, networkId, scope));
  if (ownOrganizations) q = q.where('s.organization_id', 'in', scope.orgIds.length ? scope.orgIds : ['-']);
  return (await q.orderBy('o.starts_at').limit(limit).execute()).map((r) => toOccurrence(keyring, r));
}

/** Occurrences (not skipped, ending after an instant) an account is on or waiting for, soonest first. */
export async function occurrencesOfAccount(
  db: Db,
  keyring: Keyring,
  networkId: string,
  accountId: string,
  endsAfter: string,
  limit: number,
): Promise<OccurrenceRow[]> {
  const mine = db
    .selectFrom('shift_signups')
    .select('occurrence_id')
    .where('account_id', '=', accountId)
    .where('status', 'in', ['confirmed', 'waitlisted']);
  const rows = await occurrenceQuery(db, networkId)
    .where('o.id', 'in', mine)
    .where('o.cancelled', '=', 0)
    .where('o.ends_at', '>', endsAfter)
    .orderBy('o.starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => toOccurrence(keyring, r));
}

/** A series' occurrences on and after a local date (skipped ones too), by date. */
export async function occurrencesFrom(
  db: Db,
  seriesId: string,
  fromDate: string,
): Promise<{ id: string; localDate: string; startsAt: string; cancelled: boolean }[]> {
  const rows = await db
    .selectFrom('shift_occurrences')
    .select(['id', 'local_date', 'starts_at', 'cancelled'])
    .where('series_id', '=', seriesId)
    .where('local_date', '>=', fromDate)
    .orderBy('local_date')
    .execute();
  return rows.map((r) => ({ id: r.id, localDate: r.local_date, startsAt: toIso(r.starts_at), cancelled: toBool(r.cancelled) }));
}

/** Move an occurrence to another series with new instants (its id, so its sign-ups, stays). */
export async function moveOccurrence(
  trx: Db,
  occurrenceId: string,
  seriesId: string,
  startsAt: string,
  endsAt: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('shift_occurrences')
    .set((eb) => ({
      series_id: seriesId,
      starts_at: startsAt,
      ends_at: endsAt,
      revision: eb('revision', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', occurrenceId)
    .execute();
}

/** An occurrence as a calendar feed gives it: with how often and when it last changed. */
export interface FeedOccurrenceRow extends OccurrenceRow {
  revision: number;
  lastModified: string;
}

/**
 * Occurrences starting in (after, before) for a calendar feed, soonest first: those the
 * account is confirmed on, or those at the site. Skipped ones too while their skip is newer
 * than `cancelledSince`, so calendar apps that have them learn they are off.
 */
export async function feedOccurrences(
  db: Db,
  keyring: Keyring,
  networkId: string,
  owner: { accountId: string } | { siteId: string },
  window: { after: string; before: string; cancelledSince: string },
  limit: number,
): Promise<FeedOccurrenceRow[]> {
  let q = occurrenceQuery(db, networkId)
    .select(['o.revision', 'o.updated_at', 'se.created_at as series_created_at'])
    .where((eb) => eb.or([eb('o.cancelled', '=', 0), eb('o.updated_at', '>', window.cancelledSince)]))
    .where('o.starts_at', '>', window.after)
    .where('o.starts_at', '<', window.before);
  if ('accountId' in owner)
    q = q.where(
      'o.id',
      'in',
      db
        .selectFrom('shift_signups')
        .select('occurrence_id')
        .where('account_id', '=', owner.accountId)
        .where('status', '=', 'confirmed'),
    );
  else q = q.where('o.site_id', '=', owner.siteId);
  return (await q.orderBy('o.starts_at').limit(limit).execute()).map((r) => ({
    ...toOccurrence(keyring, r),
    revision: Number(r.revision),
    lastModified: toIso(r.updated_at ?? r.series_created_at),
  }));
}
