import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whether any responder dispatched to the incident is (or was) on scene. */
export async function hasOnSceneDispatch(db: Db, incidentId: string): Promise<boolean> {
  const r = await db.selectFrom('dispatches').select('id').where('incident_id', '=', incidentId).where('on_scene_at', 'is not', null).executeTakeFirst();
  return r !== undefined;
}

/** Dispatches of an incident with responder names, oldest first. */
export async function listDispatchesOfIncident(db: Db, incidentId: string) {
  const rows = await db
    .selectFrom('dispatches as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select(['d.id', 'd.incident_id', 'd.account_id', 'a.display_name', 'd.qualification', 'd.ring', 'd.status', 'd.notified_at', 'd.responded_at', 'd.on_scene_at'])
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
