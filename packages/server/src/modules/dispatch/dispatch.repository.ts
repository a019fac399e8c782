import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { certifiedQualifications } from '../training/index.ts';
import type { CertifiedQualification } from './responder-index.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whether any responder dispatched to the incident is (or was) on scene. */
export async function hasOnSceneDispatch(db: Db, incidentId: string): Promise<boolean> {
  const r = await db
    .selectFrom('dispatches')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('on_scene_at', 'is not', null)
    .executeTakeFirst();
  return r !== undefined;
}

/** Dispatches of an incident with responder names, oldest first. */
export async function listDispatchesOfIncident(db: Db, incidentId: string) {
  const rows = await db
    .selectFrom('dispatches as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'd.id',
      'd.incident_id',
      'd.account_id',
      'a.display_name',
      'd.qualification',
      'd.ring',
      'd.status',
      'd.notified_at',
      'd.responded_at',
      'd.on_scene_at',
    ])
    .where('d.incident_id', '=', incidentId)
    .orderBy('d.notified_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    accountId: r.account_id,
    displayName: r.display_name,
    qualification: r.qualification as never,
    ring: Number(r.ring),
    status: r.status as never,
    notifiedAt: toIso(r.notified_at),
    respondedAt: toIsoOrNull(r.responded_at),
    onSceneAt: toIsoOrNull(r.on_scene_at),
  }));
}

/** A responder row, decoded. */
export interface ResponderRow {
  accountId: string;
  qualifications: string[];
  available: boolean;
  cell: string | null;
  languages: string[];
  /** Qualifications from certifications valid at load time, with when each lapses. */
  certified: CertifiedQualification[];
}

/** Certified qualifications of these accounts (all when omitted), valid at `at`. */
async function certifiedOf(
  db: Db,
  networkId: string,
  at: Date,
  accountIds?: string[],
): Promise<Map<string, CertifiedQualification[]>> {
  const byAccount = await certifiedQualifications(db, networkId, at, accountIds);
  const out = new Map<string, CertifiedQualification[]>();
  for (const [accountId, list] of byAccount)
    out.set(
      accountId,
      list.map((c) => ({ qualification: c.qualification, expiresAt: c.expiresAt === null ? null : Date.parse(c.expiresAt) })),
    );
  return out;
}

/** Available responders of a network with the languages they speak and their certified qualifications (to build the index). */
export async function listAvailableResponders(db: Db, networkId: string, at: Date): Promise<ResponderRow[]> {
  const rows = await db
    .selectFrom('responders as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select(['r.account_id', 'r.qualifications', 'r.available', 'r.cell', 'a.languages_spoken'])
    .where('r.network_id', '=', networkId)
    .where('r.available', '=', 1)
    .where('r.cell', 'is not', null)
    .execute();
  const certified = await certifiedOf(db, networkId, at);
  return rows.map((r) => ({
    accountId: r.account_id,
    qualifications: JSON.parse(r.qualifications),
    available: true,
    cell: r.cell,
    languages: JSON.parse(r.languages_spoken),
    certified: certified.get(r.account_id) ?? [],
  }));
}

/** One responder's row (qualifications default to none), with certified qualifications valid at `at`. */
export async function findResponder(db: Db, networkId: string, accountId: string, at: Date): Promise<ResponderRow | undefined> {
  const r = await db
    .selectFrom('responders as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select(['r.account_id', 'r.qualifications', 'r.available', 'r.cell', 'a.languages_spoken'])
    .where('r.network_id', '=', networkId)
    .where('r.account_id', '=', accountId)
    .executeTakeFirst();
  if (!r) return undefined;
  const certified = (await certifiedOf(db, networkId, at, [accountId])).get(accountId) ?? [];
  return {
    accountId: r.account_id,
    qualifications: JSON.parse(r.qualifications),
    available: r.available === 1,
    cell: r.cell,
    languages: JSON.parse(r.languages_spoken),
    certified,
  };
}

/** Create or update a responder row. */
export async function upsertResponder(
  db: Db,
  networkId: string,
  accountId: string,
  set: { qualifications?: string[]; available?: boolean; cell?: string | null },
  now: string,
): Promise<void> {
  const existing = await db
    .selectFrom('responders')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('responders')
      .values({
        network_id: networkId,
        account_id: accountId,
        qualifications: JSON.stringify(set.qualifications ?? []),
        available: set.available ? 1 : 0,
        cell: set.cell ?? null,
        updated_at: now,
      })
      .execute();
    return;
  }
  await db
    .updateTable('responders')
    .set({
      ...(set.qualifications ? { qualifications: JSON.stringify(set.qualifications) } : {}),
      ...(set.available !== undefined ? { available: set.available ? 1 : 0 } : {}),
      ...(set.cell !== undefined ? { cell: set.cell } : {}),
      updated_at: now,
    })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
}

/** Insert a dispatch. */
export async function insertDispatch(
  db: Db,
  d: {
    id: string;
    incidentId: string;
    networkId: string;
    accountId: string;
    qualification: string | null;
    ring: number;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('dispatches')
    .values({
      id: d.id,
      incident_id: d.incidentId,
      network_id: d.networkId,
      account_id: d.accountId,
      qualification: d.qualification,
      ring: d.ring,
      status: 'notified',
      notified_at: d.now,
      responded_at: null,
      on_scene_at: null,
      updated_at: d.now,
    })
    .execute();
}

/** A dispatch row. */
export async function findDispatch(db: Db, networkId: string, id: string) {
  const r = await db
    .selectFrom('dispatches')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      incidentId: r.incident_id,
      accountId: r.account_id,
      status: r.status,
      ring: Number(r.ring),
      qualification: r.qualification,
      notifiedAt: toIso(r.notified_at),
    }
  );
}

/** Update a dispatch's status and times. */
export async function updateDispatch(
  db: Db,
  id: string,
  set: { status: string; responded_at?: string; on_scene_at?: string; updated_at: string },
): Promise<void> {
  await db.updateTable('dispatches').set(set).where('id', '=', id).execute();
}

/** Everyone already dispatched to an incident (not to be asked twice). */
export async function dispatchedAccounts(db: Db, incidentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('dispatches').select('account_id').where('incident_id', '=', incidentId).execute();
  return new Set(rows.map((r) => r.account_id));
}

/** Notified dispatches whose answer time ran out. */
export async function listOverdueDispatches(db: Db, before: string) {
  const rows = await db
    .selectFrom('dispatches')
    .select(['id', 'incident_id', 'network_id', 'qualification', 'ring'])
    .where('status', '=', 'notified')
    .where('notified_at', '<', before)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    networkId: r.network_id,
    qualification: r.qualification,
    ring: Number(r.ring),
  }));
}

/** A responder's open dispatches, newest first. */
export async function listOpenDispatchesOf(db: Db, networkId: string, accountId: string) {
  const rows = await db
    .selectFrom('dispatches')
    .select('incident_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('status', 'in', ['notified', 'accepted', 'en_route', 'on_scene'])
    .orderBy('notified_at', 'desc')
    .execute();
  return rows.map((r) => r.incident_id);
}

/** Whether the organization belongs to the network. */
export async function organizationInNetwork(db: Db, networkId: string, organizationId: string): Promise<boolean> {
  const r = await db
    .selectFrom('organizations')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Active members of an organization with the qualifications set by hand and those
 * from certifications valid at `at` (with when each lapses), kept apart so a
 * coordinator can tell which of them a save can change.
 */
export async function listMemberQualifications(db: Db, networkId: string, organizationId: string, at: Date) {
  const rows = await db
    .selectFrom('memberships as m')
    .leftJoin('responders as r', (j) => j.onRef('r.account_id', '=', 'm.account_id').on('r.network_id', '=', networkId))
    .select(['m.account_id', 'r.qualifications'])
    .where('m.organization_id', '=', organizationId)
    .where('m.network_id', '=', networkId)
    .where('m.status', '=', 'active')
    .execute();
  const accountIds = rows.map((r) => r.account_id);
  const certified = await certifiedQualifications(db, networkId, at, accountIds);
  return rows.map((r) => ({
    accountId: r.account_id,
    manual: (r.qualifications ? JSON.parse(r.qualifications) : []) as string[],
    certified: certified.get(r.account_id) ?? [],
  }));
}
