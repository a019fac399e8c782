import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import { fromJson } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { SitesTable } from '../../db/schema-shifts.ts';
import { itemsSharedWith, organizationNames } from '../networks/index.ts';
import { openSiteLocation, sealSiteLocation } from './site-location.ts';

type Db = Kysely<DB> | Transaction<DB>;

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
    .select([
      's.id',
      's.network_id',
      's.organization_id',
      's.name',
      's.kind',
      's.address',
      's.lat',
      's.lng',
      's.address_enc',
      's.point_enc',
      's.cell',
      's.sharing',
      's.notes_enc',
      's.languages',
    ])
    .where('s.network_id', '=', networkId);
}

type SiteRecord = Omit<SitesTable, 'created_at' | 'updated_at'>;

/** Decode sites, with their owners' names from networks (one batched read). */
async function toSites(db: Db, keyring: Keyring, rows: SiteRecord[]): Promise<SiteRow[]> {
  const names = await organizationNames(
    db,
    rows.map((r) => r.organization_id),
  );
  return rows.map((r) => toSite(keyring, r, names.get(r.organization_id) ?? ''));
}

function toSite(keyring: Keyring, r: SiteRecord, organizationName: string): SiteRow {
  const { address, lat, lng } = openSiteLocation(keyring, r);
  return {
    id: r.id,
    networkId: r.network_id,
    organizationId: r.organization_id,
    organizationName,
    name: r.name,
    kind: r.kind,
    address,
    lat,
    lng,
    cell: r.cell,
    sharing: r.sharing as SiteRow['sharing'],
    notesEnc: r.notes_enc,
    languages: fromJson<string[]>(r.languages),
  };
}

/**
 * Ids of the sites a scope sees, as a subquery (ownership, network sharing, named sharing).
 * Named shares are networks' data: their site ids are read first, then inlined.
 */
export async function visibleSiteIds(db: Db, networkId: string, scope: SiteScope) {
  let q = db.selectFrom('sites as vs').select('vs.id').where('vs.network_id', '=', networkId);
  if (scope.all) return q;
  const orgs = scope.orgIds.length ? scope.orgIds : ['-'];
  const named = await itemsSharedWith(db, networkId, 'site', scope.orgIds);
  q = q.where((eb) =>
    eb.or([
      eb('vs.organization_id', 'in', orgs),
      ...(scope.orgIds.length ? [eb('vs.sharing', '=', 'network')] : []),
      ...(named.length ? [eb.and([eb('vs.sharing', '=', 'organizations'), eb('vs.id', 'in', named)])] : []),
    ]),
  );
  return q;
}

/** Sites the scope sees, by name. */
export async function listSites(db: Db, keyring: Keyring, networkId: string, scope: SiteScope): Promise<SiteRow[]> {
  const rows = await siteQuery(db, networkId)
    .where('s.id', 'in', await visibleSiteIds(db, networkId, scope))
    .orderBy('s.name')
    .execute();
  return toSites(db, keyring, rows);
}

/** One site of the network (visibility is the caller's to check). */
export async function findSite(db: Db, keyring: Keyring, networkId: string, siteId: string): Promise<SiteRow | undefined> {
  const r = await siteQuery(db, networkId).where('s.id', '=', siteId).executeTakeFirst();
  return r && (await toSites(db, keyring, [r]))[0];
}

/** What is stored of a site (its notes already encrypted, its cell already computed). */
export interface SiteFields {
  organizationId: string;
  name: string;
  kind: string;
  address: string;
  lat: number;
  lng: number;
  cell: string;
  sharing: string;
  notesEnc: string | null;
  languages: string[];
}

function siteColumns(keyring: Keyring, f: SiteFields, now: string) {
  return {
    organization_id: f.organizationId,
    name: f.name,
    kind: f.kind,
    // Address and exact point encrypted (2026-12-04T0013); the coarse cell stays plain.
    ...sealSiteLocation(keyring, f.address, f.lat, f.lng),
    cell: f.cell,
    sharing: f.sharing,
    notes_enc: f.notesEnc,
    languages: JSON.stringify(f.languages),
    updated_at: now,
  };
}

/** Insert a site. */
export async function insertSite(
  trx: Db,
  keyring: Keyring,
  networkId: string,
  id: string,
  f: SiteFields,
  now: string,
): Promise<void> {
  await trx
    .insertInto('sites')
    .values({ id, network_id: networkId, created_at: now, ...siteColumns(keyring, f, now) })
    .execute();
}

/** Overwrite a site's fields. */
export async function updateSite(
  trx: Db,
  keyring: Keyring,
  networkId: string,
  id: string,
  f: SiteFields,
  now: string,
): Promise<void> {
  await trx
    .updateTable('sites')
    .set(siteColumns(keyring, f, now))
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .execute();
}

/** Name and address of every site an organization owns (an import's duplicate check). */
export async function siteNamesOf(
  db: Db,
  keyring: Keyring,
  networkId: string,
  organizationId: string,
): Promise<{ name: string; address: string }[]> {
  const rows = await db
    .selectFrom('sites')
    .select(['name', 'address', 'lat', 'lng', 'address_enc', 'point_enc'])
    .where('network_id', '=', networkId)
    .where('organization_id', '=', organizationId)
    .execute();
  return rows.map((r) => ({ name: r.name, address: openSiteLocation(keyring, r).address }));
}

/** Move one batch of plaintext site locations into their encrypted columns. Unsealed only. */
export async function sealSitesBatch(db: Kysely<DB>, keyring: Keyring, limit = 200): Promise<number> {
  if (keyring.sealed) return 0;
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'address', 'lat', 'lng', 'address_enc', 'point_enc'])
    .where((eb) => eb.or([eb('address', 'is not', null), eb('lat', 'is not', null), eb('lng', 'is not', null)]))
    .limit(limit)
    .execute();
  for (const r of rows) {
    const open = openSiteLocation(keyring, r);
    await db
      .updateTable('sites')
      .set(sealSiteLocation(keyring, open.address, open.lat, open.lng))
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}
