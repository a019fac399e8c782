import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { badRequest } from '../errors.ts';
import { activeMemberships, type NetworkAccess } from './access.ts';

/**
 * Sharing model for work items (reports, sites, cases…): each item is owned by one
 * organization and is either kept to its owner, shared with the whole network, or
 * shared with named organizations (listed in the `shares` table).
 */
export interface SharedItem {
  networkId: string;
  ownerOrganizationId: string;
  scope: 'owner' | 'network' | 'organizations';
  /** For scope 'organizations': who else may see it. */
  sharedWith: readonly string[];
}

/** Whether an account (through its active memberships) may see an item. */
export function canSee(access: NetworkAccess, item: SharedItem): boolean {
  if (access.networkId !== item.networkId) return false;
  const orgs = new Set(activeMemberships(access).map((m) => m.organizationId));
  if (orgs.has(item.ownerOrganizationId)) return true;
  if (item.scope === 'network') return orgs.size > 0;
  if (item.scope === 'organizations') return item.sharedWith.some((o) => orgs.has(o));
  return false;
}

/** Organizations whose items the account can see through ownership or named sharing. */
export function visibleOrganizationIds(access: NetworkAccess): string[] {
  return activeMemberships(access).map((m) => m.organizationId);
}

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
export async function sharedWith(db: Kysely<DB>, kind: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('shares')
    .select('organization_id')
    .where('item_kind', '=', kind)
    .where('item_id', '=', id)
    .execute();
  return rows.map((r) => r.organization_id);
}
