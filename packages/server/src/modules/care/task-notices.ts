import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { organizationNames } from '../networks/index.ts';
import * as repo from './care.repository.ts';
import { noticeRequester, type RequesterStep } from './care-notices.ts';

/** Task moves the requester hears of (audit action → step); the others (picked up, closed) stay quiet. */
const STEP_OF: Record<string, RequesterStep> = {
  claim: 'claimed',
  transfer: 'claimed',
  auto_transfer: 'claimed',
  assign: 'assigned',
  delivered: 'delivered',
  failed: 'failed',
};

/**
 * Tell the requester a task moved, in the transaction that moved it: the organization's name
 * for "taken" and "on the way", the reason for "failed". Keyed by the task's new version, so
 * a reassignment is told again and a replayed move is not.
 */
export async function noticeTaskStep(
  trx: Transaction<DB>,
  deps: Deps,
  task: Pick<repo.CareTaskRow, 'network_id' | 'request_id' | 'version' | 'claimed_org_id'>,
  action: string,
  change: Partial<repo.CareTaskRow>,
  now: string,
): Promise<void> {
  const step = STEP_OF[action];
  if (!step) return;
  const request = await repo.findRequest(trx, task.network_id, task.request_id);
  if (!request) return;
  const orgId = change.claimed_org_id ?? task.claimed_org_id;
  const organization = orgId ? (await organizationNames(trx, [orgId])).get(orgId) : undefined;
  const reason = change.failure_reason_enc ? deps.keyring.decrypt('case', change.failure_reason_enc) : undefined;
  await noticeRequester(trx, deps, request, step, {
    organization,
    reason,
    dedupeKey: `${step}:${task.version + 1}`,
    now,
  });
}
