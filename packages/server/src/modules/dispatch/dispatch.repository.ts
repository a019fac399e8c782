import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

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

/** Dispatches of an incident, oldest first (responder names come from identity: see responder-profiles.ts). */
export async function listDispatchRows(db: Db, incidentId: string) {
  const rows = await db
    .selectFrom('dispatches as d')
    .select([
      'd.id',
      'd.incident_id',
      'd.account_id',
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
    qualification: r.qualification as never,
    ring: Number(r.ring),
    status: r.status as never,
    notifiedAt: toIso(r.notified_at),
    respondedAt: toIsoOrNull(r.responded_at),
    onSceneAt: toIsoOrNull(r.on_scene_at),
  }));
}

/** A responder row as stored (languages and certifications are added by responder-profiles.ts). */
export interface StoredResponder {
  accountId: string;
  qualifications: string[];
  available: boolean;
  cell: string | null;
}

function toStoredResponder(r: {
  account_id: string;
  qualifications: string;
  available: number;
  cell: string | null;
}): StoredResponder {
  return { accountId: r.account_id, qualifications: JSON.parse(r.qualifications), available: r.available === 1, cell: r.cell };
}

/** Available responders of a network that gave an area. */
export async function listAvailableResponderRows(db: Db, networkId: string): Promise<StoredResponder[]> {
  const rows = await db
    .selectFrom('responders')
    .select(['account_id', 'qualifications', 'available', 'cell'])
    .where('network_id', '=', networkId)
    .where('available', '=', 1)
    .where('cell', 'is not', null)
    .execute();
  return rows.map(toStoredResponder);
}

/** Responder rows of these accounts in a network. */
export async function listResponderRows(db: Db, networkId: string, accountIds: readonly string[]): Promise<StoredResponder[]> {
  const out: StoredResponder[] = [];
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('responders')
      .select(['account_id', 'qualifications', 'available', 'cell'])
      .where('network_id', '=', networkId)
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .execute();
    out.push(...rows.map(toStoredResponder));
  }
  return out;
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
