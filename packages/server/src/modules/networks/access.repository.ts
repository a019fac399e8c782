import type { OrgRole } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import { fromJson } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { MembershipAccess, NetworkAccess } from '../../platform/access/access.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Load an account's standing in a network (admin flag and memberships in active organizations). */
export async function loadNetworkAccess(db: Db, accountId: string, networkId: string): Promise<NetworkAccess> {
  const [admin, memberships] = await Promise.all([
    db
      .selectFrom('network_admins')
      .select('account_id')
      .where('network_id', '=', networkId)
      .where('account_id', '=', accountId)
      .executeTakeFirst(),
    db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.organization_id', 'm.roles', 'm.status', 'o.status as org_status'])
      .where('m.network_id', '=', networkId)
      .where('m.account_id', '=', accountId)
      .execute(),
  ]);
  return {
    networkId,
    accountId,
    isNetworkAdmin: admin !== undefined,
    memberships: memberships.map((m) => ({
      id: m.id,
      organizationId: m.organization_id,
      // A membership in an organization not (yet) admitted grants no roles.
      roles: m.org_status === 'active' ? fromJson<OrgRole[]>(m.roles) : [],
      status: m.status as MembershipAccess['status'],
    })),
  };
}
