import type { OrgRole } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** An invitation row. */
export interface InvitationRow {
  id: string;
  networkId: string;
  organizationId: string;
  roles: OrgRole[];
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

function toInvitation(r: DB['invitations']): InvitationRow {
  return {
    id: r.id,
    networkId: r.network_id,
    organizationId: r.organization_id,
    roles: fromJson(r.roles),
    createdAt: toIso(r.created_at),
    expiresAt: toIso(r.expires_at),
    usedAt: toIsoOrNull(r.used_at),
    revokedAt: toIsoOrNull(r.revoked_at),
  };
}

/** Insert an invitation (token stored hashed). */
export async function insertInvitation(
  db: Db,
  i: {
    id: string;
    networkId: string;
    organizationId: string;
    tokenHash: string;
    roles: OrgRole[];
    createdBy: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: i.id,
      network_id: i.networkId,
      organization_id: i.organizationId,
      token_hash: i.tokenHash,
      roles: JSON.stringify(i.roles),
      created_by: i.createdBy,
      created_at: i.now.toISOString(),
      expires_at: i.expiresAt.toISOString(),
      used_at: null,
      used_by: null,
      revoked_at: null,
    })
    .execute();
}

/** Invitations of an organization, newest first. */
export async function listInvitations(db: Db, organizationId: string): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitation);
}

/** Find an invitation by id within an organization. */
export async function findInvitation(db: Db, organizationId: string, id: string): Promise<InvitationRow | undefined> {
  const r = await db
    .selectFrom('invitations')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toInvitation(r);
}

/** Find an invitation by token hash. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  const r = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toInvitation(r);
}

/** Mark an invitation used, only if still unused: false when someone else got there first. */
export async function claimInvitation(db: Db, id: string, accountId: string | null, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ used_at: now.toISOString(), used_by: accountId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Revoke an invitation. */
export async function revokeInvitation(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
}

/**
 * Who invited each of some accounts into a network: the creator of the invitation
 * each account used (the latest one, when an account used several), by account id.
 */
export async function findInvitersOf(
  db: Db,
  networkId: string,
  accountIds: readonly string[],
): Promise<Map<string, { organizationId: string; invitedBy: string }[]>> {
  const unique = [...new Set(accountIds)];
  const out = new Map<string, { organizationId: string; invitedBy: string }[]>();
  // Chunks stay under SQLite's bound-parameter limit.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('invitations')
      .select(['used_by', 'organization_id', 'created_by'])
      .where('network_id', '=', networkId)
      .where('used_by', 'in', unique.slice(i, i + 500))
      .orderBy('used_at', 'desc')
      .execute();
    for (const r of rows) {
      if (!r.used_by) continue;
      const list = out.get(r.used_by) ?? [];
      list.push({ organizationId: r.organization_id, invitedBy: r.created_by });
      out.set(r.used_by, list);
    }
  }
  return out;
}
