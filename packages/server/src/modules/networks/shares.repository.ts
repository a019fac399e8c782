import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { badRequest } from '../../platform/errors.ts';

/** Replace the named organizations an item is shared with (inside the caller's transaction). */
export async function setSharedWith(
  trx: Transaction<DB> | Kysely<DB>,
  item: { kind: string; id: string; networkId: string },
  organizationIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom('shares').where('item_kind', '=', item.kind).where('item_id', '=', item.id).execute();
  const unique = [...new Set(organizationIds)];
  if (unique.length === 0) return;
  // Only organizations of the same network may be named: cross-network sharing is federation's job.
  const valid = await trx
    .selectFrom('organizations')
    .select('id')
    .where('network_id', '=', item.networkId)
    .where('id', 'in', unique)
    .execute();
  if (valid.length !== unique.length) throw badRequest('validation_failed', { sharedWith: 'unknown organization' });
  await trx
    .insertInto('shares')
    .values(
      unique.map((organization_id) => ({ item_kind: item.kind, item_id: item.id, network_id: item.networkId, organization_id })),
    )
    .execute();
}

/** The named organizations an item is shared with. */
export async function sharedWith(db: Kysely<DB> | Transaction<DB>, kind: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('shares')
    .select('organization_id')
    .where('item_kind', '=', kind)
    .where('item_id', '=', id)
    .execute();
  return rows.map((r) => r.organization_id);
}

/** The named organizations each of several items is shared with (one query). */
export async function sharedWithMany(
  db: Kysely<DB> | Transaction<DB>,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('shares')
    .select(['item_id', 'organization_id'])
    .where('item_kind', '=', kind)
    .where('item_id', 'in', [...ids])
    .execute();
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.organization_id]);
  return out;
}

/** Ids of the items of a kind shared by name with any of these organizations (one query). */
export async function itemsSharedWith(
  db: Kysely<DB> | Transaction<DB>,
  networkId: string,
  kind: string,
  organizationIds: readonly string[],
): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('shares')
    .select('item_id')
    .distinct()
    .where('network_id', '=', networkId)
    .where('item_kind', '=', kind)
    .where('organization_id', 'in', [...organizationIds])
    .execute();
  return rows.map((r) => r.item_id);
}
