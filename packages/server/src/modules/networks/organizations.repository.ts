// The organizations of a network: formal and informal groups, admitted by its admins.
import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull, fromJson } from '../../db/rows.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** An organization row with its active member count. */
export interface OrganizationRow {
  id: string;
  networkId: string;
  name: string;
  kind: 'formal' | 'informal';
  type: string;
  status: 'pending' | 'active' | 'rejected';
  memberCount: number;
  createdAt: string;
}

function orgQuery(db: Db) {
  return db.selectFrom('organizations as o').select((eb) => [
    'o.id',
    'o.network_id',
    'o.name',
    'o.kind',
    'o.type',
    'o.status',
    'o.created_at',
    eb
      .selectFrom('memberships as m')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('m.organization_id', '=', 'o.id')
      .where('m.status', '=', 'active')
      .as('member_count'),
  ]);
}

function toOrg(r: {
  id: string;
  network_id: string;
  name: string;
  kind: string;
  type: string;
  status: string;
  created_at: string | Date;
  member_count: number | string | null;
}): OrganizationRow {
  return {
    id: r.id,
    networkId: r.network_id,
    name: r.name,
    kind: r.kind as OrganizationRow['kind'],
    type: r.type,
    status: r.status as OrganizationRow['status'],
    memberCount: Number(r.member_count ?? 0),
    createdAt: toIso(r.created_at),
  };
}

// Every member lists organizations: built once per status set (an admin also sees pending ones).
const organizationLists = new Map<string, ReturnType<typeof organizationList>>();
function organizationList(statuses: readonly string[]) {
  return preparedQuery<{ networkId: string }, Parameters<typeof toOrg>[0]>((db, param) =>
    orgQuery(db).where('o.network_id', '=', param('networkId')).where('o.status', 'in', statuses).orderBy('o.name'),
  );
}

/** Organizations of a network with the given statuses. */
export async function listOrganizations(db: Db, networkId: string, statuses: string[]): Promise<OrganizationRow[]> {
  const key = [...statuses].sort().join(',');
  let query = organizationLists.get(key);
  if (!query) {
    query = organizationList([...statuses].sort());
    organizationLists.set(key, query);
  }
  return (await query(db, { networkId })).map(toOrg);
}

/** One organization of a network. */
export async function findOrganization(db: Db, networkId: string, id: string): Promise<OrganizationRow | undefined> {
  const r = await orgQuery(db).where('o.network_id', '=', networkId).where('o.id', '=', id).executeTakeFirst();
  return r && toOrg(r);
}

/** Find an organization by name within a network. */
export async function findOrganizationByName(db: Db, networkId: string, name: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('organizations')
    .select('id')
    .where('network_id', '=', networkId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Insert an organization. */
export async function insertOrganization(
  db: Db,
  o: {
    id: string;
    networkId: string;
    name: string;
    kind: string;
    type: string;
    status: string;
    requestedBy: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('organizations')
    .values({
      id: o.id,
      network_id: o.networkId,
      name: o.name,
      kind: o.kind,
      type: o.type,
      status: o.status,
      requested_by: o.requestedBy,
      created_at: o.now.toISOString(),
    })
    .execute();
}

/** Set an organization's status. */
export async function setOrganizationStatus(db: Db, id: string, status: string): Promise<void> {
  await db.updateTable('organizations').set({ status }).where('id', '=', id).execute();
}
