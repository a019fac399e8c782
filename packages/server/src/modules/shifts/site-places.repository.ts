import type { Keyring } from '../../platform/crypto/keyring.ts';
import { openSiteLocation } from './site-location.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A network's sites as the gazetteer names them: name and public position only (hook `places.namedSites`). */
export async function namedSites(db: Kysely<DB> | Transaction<DB>, keyring: Keyring, networkId: string) {
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'name', 'address', 'lat', 'lng', 'address_enc', 'point_enc'])
    .where('network_id', '=', networkId)
    .execute();
  return rows.map((r) => {
    const { lat, lng } = openSiteLocation(keyring, r);
    return { id: r.id, name: r.name, lat, lng };
  });
}
