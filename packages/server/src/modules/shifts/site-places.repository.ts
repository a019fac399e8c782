import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A network's sites as the gazetteer names them: name and public position only (hook `places.namedSites`). */
export async function namedSites(db: Kysely<DB> | Transaction<DB>, networkId: string) {
  const rows = await db.selectFrom('sites').select(['id', 'name', 'lat', 'lng']).where('network_id', '=', networkId).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, lat: Number(r.lat), lng: Number(r.lng) }));
}
