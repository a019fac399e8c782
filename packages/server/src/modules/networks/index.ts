/** What other modules may use from networks. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './networks.repository.ts';

export { createNetwork, requiresPasskey } from './networks.service.ts';
export { NETWORKS_POLICY } from './networks.policy.ts';
export { auditRead, enterNetwork, inTransaction, type InNetwork } from './network-context.ts';
export { grantAdmin, type GrantedVia } from './admins.service.ts';
/** Unaudited: for test fixtures only. The CLI and demo seed grant admins through grantAdmin. */
export { addNetworkAdmin } from './networks.repository.ts';
export {
  findNetworkBySlug,
  insertMembership,
  insertOrganization,
  findOrganizationByName,
  hasActiveMembership,
  PASSKEY_RULE_PATTERN,
} from './networks.repository.ts';

/** The Me document's networks section (settings dropped). */
export async function networksOfAccount(db: Kysely<DB>, accountId: string) {
  return (await repo.networksOfAccount(db, accountId)).map(({ settings: _s, ...n }) => n);
}

/** Every network with its settings (defaults filled), for scheduled jobs. */
export async function withNetworkSettings(db: Kysely<DB>) {
  const rows = await db.selectFrom('networks').select('slug').execute();
  const out = [];
  for (const r of rows) {
    const n = await repo.findNetworkBySlug(db, r.slug);
    if (n) out.push(n);
  }
  return out;
}
