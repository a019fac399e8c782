import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A gazetteer row, decoded. Areas carry their boundary (GeoJSON geometry) and its box. */
export interface PlaceRow {
  id: string;
  networkId: string;
  kind: 'area' | 'intersection' | 'landmark' | 'station';
  name: string;
  lat: number;
  lng: number;
  boundary: AreaGeometry | null;
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null;
  createdAt: string;
}

/** An area's outline: GeoJSON Polygon or MultiPolygon, [lng, lat] positions. */
export type AreaGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

function toPlace(r: DB['places']): PlaceRow {
  return {
    id: r.id,
    networkId: r.network_id,
    kind: r.kind as PlaceRow['kind'],
    name: r.name,
    lat: Number(r.lat),
    lng: Number(r.lng),
    boundary: r.boundary ? fromJson<AreaGeometry>(r.boundary) : null,
    box:
      r.min_lat == null
        ? null
        : { minLat: Number(r.min_lat), maxLat: Number(r.max_lat), minLng: Number(r.min_lng), maxLng: Number(r.max_lng) },
    createdAt: toIso(r.created_at),
  };
}

/** Every place of a network. */
export async function listPlaces(db: Db, networkId: string): Promise<PlaceRow[]> {
  const rows = await db.selectFrom('places').selectAll().where('network_id', '=', networkId).execute();
  return rows.map(toPlace);
}

/** One place of a network. */
export async function findPlace(db: Db, networkId: string, id: string): Promise<PlaceRow | undefined> {
  const r = await db.selectFrom('places').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return r && toPlace(r);
}

/** Names of places by id. */
export async function placeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('places')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** A new or renamed place: written, or replacing the one of the same kind and name. */
export interface PlaceWrite {
  id: string;
  networkId: string;
  kind: PlaceRow['kind'];
  name: string;
  normalized: string;
  lat: number;
  lng: number;
  boundary: AreaGeometry | null;
  box: PlaceRow['box'];
  now: string;
}

/** Insert places, replacing (position and outline) any of the same kind and matching name. Returns how many. */
export async function upsertPlaces(db: Db, places: readonly PlaceWrite[]): Promise<number> {
  for (const p of places) {
    const values = {
      lat: p.lat,
      lng: p.lng,
      name: p.name,
      boundary: p.boundary ? JSON.stringify(p.boundary) : null,
      min_lat: p.box?.minLat ?? null,
      max_lat: p.box?.maxLat ?? null,
      min_lng: p.box?.minLng ?? null,
      max_lng: p.box?.maxLng ?? null,
    };
    await db
      .insertInto('places')
      .values({ id: p.id, network_id: p.networkId, kind: p.kind, normalized: p.normalized, created_at: p.now, ...values })
      .onConflict((oc) => oc.columns(['network_id', 'kind', 'normalized']).doUpdateSet(values))
      .execute();
  }
  return places.length;
}
