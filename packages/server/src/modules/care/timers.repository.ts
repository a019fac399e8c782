import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CareClaimRequestRow, CareTaskRow } from './care.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Statuses in which a task is owned and may change hands. */
export const OWNED = ['claimed', 'assigned', 'picked_up'] as const;
/** Statuses a task is released from when untouched (a trip under way is not pulled back). */
export const RELEASABLE = ['claimed', 'assigned'] as const;

/** Pending claim requests older than the cutoff, on tasks still owned by another organization, oldest first. */
export async function overdueClaimRequests(
  db: Db,
  networkId: string,
  cutoff: string,
  limit = 200,
): Promise<(CareClaimRequestRow & { task_version: number; task_status: string; owner: string | null; driver: string | null })[]> {
  return db
    .selectFrom('care_claim_requests as c')
    .innerJoin('care_tasks as t', 't.id', 'c.task_id')
    .selectAll('c')
    .select([
      't.version as task_version',
      't.status as task_status',
      't.claimed_org_id as owner',
      't.driver_account_id as driver',
    ])
    .where('c.network_id', '=', networkId)
    .where('c.status', '=', 'pending')
    .where('c.created_at', '<', cutoff)
    .where('t.status', 'in', OWNED)
    .whereRef('t.claimed_org_id', '!=', 'c.organization_id')
    .orderBy('c.created_at')
    .limit(limit)
    .execute();
}

/** Claimed or assigned tasks not changed since the cutoff, oldest first. */
export async function untouchedTasks(db: Db, networkId: string, cutoff: string, limit = 200): Promise<CareTaskRow[]> {
  return db
    .selectFrom('care_tasks')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', 'in', RELEASABLE)
    .where('updated_at', '<', cutoff)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Pending claim requests of a task that went back to open: declined by the system (no one decided). */
export async function declinePendingClaimRequests(db: Db, taskId: string, at: string, keep = ''): Promise<void> {
  await db
    .updateTable('care_claim_requests')
    .set({ status: 'declined', decided_by: null, decided_at: at })
    .where('task_id', '=', taskId)
    .where('status', '=', 'pending')
    .where('id', '!=', keep)
    .execute();
}
