import { sql, type Kysely, type Transaction } from 'kysely';
import { toBool, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

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

/** Lock an occurrence row for the transaction on PostgreSQL (SQLite has one writer anyway). */
export async function lockOccurrence(trx: Transaction<DB>, dialect: string, occurrenceId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from shift_occurrences where id = ${occurrenceId} for update`.execute(trx);
}
