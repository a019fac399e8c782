import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CareClaimRequestsTable, CareRequestsTable, CareTasksTable } from '../../db/schema-care.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type CareRequestRow = Selectable<CareRequestsTable>;
export type CareTaskRow = Selectable<CareTasksTable>;
/** A task with the request columns lists need (never the address or contact). */
export type CareTaskListRow = CareTaskRow & Pick<CareRequestRow, 'kind' | 'items_enc' | 'area_cell' | 'area_name'>;

export async function insertRequest(db: Db, row: CareRequestRow): Promise<void> {
  await db.insertInto('care_requests').values(row).execute();
}

export async function findRequest(db: Db, networkId: string, id: string): Promise<CareRequestRow | undefined> {
  return db.selectFrom('care_requests').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
}

export async function findRequestByDedupe(db: Db, networkId: string, hash: string): Promise<CareRequestRow | undefined> {
  return db
    .selectFrom('care_requests')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('dedupe_hash', '=', hash)
    .executeTakeFirst();
}

export async function findRequestByReceipt(db: Db, networkId: string, code: string): Promise<CareRequestRow | undefined> {
  return db
    .selectFrom('care_requests')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('receipt_code', '=', code)
    .executeTakeFirst();
}

/** Requests in triage order: new first, then newest. */
export async function listRequests(
  db: Db,
  networkId: string,
  limit = 500,
): Promise<(CareRequestRow & { task_id: string | null })[]> {
  return db
    .selectFrom('care_requests as r')
    .leftJoin('care_tasks as t', 't.request_id', 'r.id')
    .selectAll('r')
    .select('t.id as task_id')
    .where('r.network_id', '=', networkId)
    .orderBy((eb) => eb.case().when('r.status', '=', 'new').then(0).else(1).end())
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Decide a request still in triage: false when someone else decided it first. */
export async function decideRequest(
  db: Db,
  networkId: string,
  id: string,
  change: Updateable<CareRequestsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_requests')
    .set(change)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTask(db: Db, row: CareTaskRow): Promise<void> {
  await db.insertInto('care_tasks').values(row).execute();
}

const taskList = (db: Db) =>
  db
    .selectFrom('care_tasks as t')
    .innerJoin('care_requests as r', 'r.id', 't.request_id')
    .selectAll('t')
    .select(['r.kind', 'r.items_enc', 'r.area_cell', 'r.area_name']);

export async function findTask(db: Db, networkId: string, id: string): Promise<CareTaskListRow | undefined> {
  return taskList(db).where('t.network_id', '=', networkId).where('t.id', '=', id).executeTakeFirst();
}

/** Tasks of a network, newest first; with `cells`, only those whose request's coarse area is one of them ("near me"). */
export async function listTasks(
  db: Db,
  networkId: string,
  status: string | undefined,
  limit = 500,
  cells?: readonly string[],
): Promise<CareTaskListRow[]> {
  let q = taskList(db).where('t.network_id', '=', networkId);
  if (status) q = q.where('t.status', '=', status);
  // Read through care_requests_area (network_id, area_cell): a few hundred rows, not every open task.
  if (cells) q = q.where('r.network_id', '=', networkId).where('r.area_cell', 'in', cells.length ? [...cells] : ['']);
  return q.orderBy('t.created_at', 'desc').limit(limit).execute();
}

/** The address and contact of a task's request: read only by the service, under the address rule. */
export async function findTaskSecrets(
  db: Db,
  networkId: string,
  requestId: string,
): Promise<Pick<CareRequestRow, 'address_enc' | 'contact_enc' | 'point_enc'> | undefined> {
  return db
    .selectFrom('care_requests')
    .select(['address_enc', 'contact_enc', 'point_enc'])
    .where('network_id', '=', networkId)
    .where('id', '=', requestId)
    .executeTakeFirst();
}

/**
 * Move a task on, only if it still stands where the caller saw it (status and version): the
 * conditional update that lets exactly one of two concurrent claims win, on both databases.
 */
export async function moveTask(
  db: Db,
  networkId: string,
  id: string,
  expected: { status: readonly string[]; version: number },
  change: Updateable<CareTasksTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_tasks')
    .set({ ...change, version: expected.version + 1 })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', 'in', expected.status)
    .where('version', '=', expected.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Retention: empty the address, point and contact of requests whose task closed before the
 * cutoff, or that were declined or merged before it (they never became a task). Items and the
 * coarse area stay, for counts. Returns how many requests were emptied.
 */
export async function purgeAddressesBefore(db: Db, networkId: string, cutoff: string): Promise<number> {
  const closed = db
    .selectFrom('care_tasks')
    .select('request_id')
    .where('network_id', '=', networkId)
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff);
  const r = await db
    .updateTable('care_requests')
    .set({ address_enc: null, contact_enc: null, point_enc: null })
    .where('network_id', '=', networkId)
    .where((eb) => eb.or([eb('address_enc', 'is not', null), eb('contact_enc', 'is not', null), eb('point_enc', 'is not', null)]))
    .where((eb) =>
      eb.or([eb('id', 'in', closed), eb.and([eb('status', 'in', ['declined', 'merged']), eb('decided_at', '<', cutoff)])]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export type CareClaimRequestRow = Selectable<CareClaimRequestsTable>;

export async function insertClaimRequest(db: Db, row: CareClaimRequestRow): Promise<void> {
  await db.insertInto('care_claim_requests').values(row).execute();
}

export async function findClaimRequest(db: Db, networkId: string, taskId: string, id: string) {
  return db
    .selectFrom('care_claim_requests')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('task_id', '=', taskId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decide a pending claim request: false when it was decided already. */
export async function decideClaimRequest(
  db: Db,
  id: string,
  change: Pick<CareClaimRequestRow, 'status' | 'decided_by' | 'decided_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_claim_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Other pending requests for a task that just changed hands: declined with it. */
export async function declineOtherClaimRequests(db: Db, taskId: string, keep: string, by: string, at: string) {
  await db
    .updateTable('care_claim_requests')
    .set({ status: 'declined', decided_by: by, decided_at: at })
    .where('task_id', '=', taskId)
    .where('status', '=', 'pending')
    .where('id', '!=', keep)
    .execute();
}

/** The pending claim requests of one task, oldest first (the owner answers them in order). */
export async function listPendingClaimRequests(db: Db, networkId: string, taskId: string): Promise<CareClaimRequestRow[]> {
  return db
    .selectFrom('care_claim_requests')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('task_id', '=', taskId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'asc')
    .execute();
}
