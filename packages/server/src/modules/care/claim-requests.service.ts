import type { DecideCareClaim, RequestCareClaim } from '@switchboard/shared';
import type { z } from 'zod';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, findOrganization, inTransaction } from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import * as repo from './care.repository.ts';
import { noticeTaskStep } from './task-notices.ts';

/** Statuses in which a task is owned and may change hands. */
const OWNED = ['claimed', 'assigned', 'picked_up'] as const;

const toDto = (ctx: RequestContext, r: repo.CareClaimRequestRow) => ({
  id: r.id,
  taskId: r.task_id,
  organizationId: r.organization_id,
  reason: ctx.deps.keyring.decrypt('case', r.reason_enc),
  status: r.status as 'pending' | 'approved' | 'declined',
  createdAt: new Date(r.created_at).toISOString(),
  decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
});

async function enterTask(ctx: RequestContext, slug: string, taskId: string) {
  const entered = await enterNetwork(ctx, slug, P['task.list']);
  const task = await repo.findTask(ctx.deps.database.db, entered.network.id, taskId);
  if (!task) throw notFound();
  return { ...entered, task };
}

/** "Request instead of Claim": a coordinator of another organization asks the owner for a claimed task, with a reason. */
export async function requestClaim(ctx: RequestContext, slug: string, taskId: string, input: z.infer<typeof RequestCareClaim>) {
  const { access, actor, network, task } = await enterTask(ctx, slug, taskId);
  authorize(access, P['task.request_claim'], input.organizationId);
  const org = await findOrganization(ctx.deps.database.db, network.id, input.organizationId);
  if (!org || org.status !== 'active') throw badRequest('validation_failed', { fields: ['organizationId'] });
  if (!(OWNED as readonly string[]).includes(task.status) || task.claimed_org_id === input.organizationId)
    throw conflict('task_state');
  const now = ctx.deps.clock.now().toISOString();
  const row: repo.CareClaimRequestRow = {
    id: newId(),
    network_id: network.id,
    task_id: task.id,
    organization_id: input.organizationId,
    requested_by: actor.accountId,
    reason_enc: ctx.deps.keyring.encrypt('case', input.reason),
    status: 'pending',
    decided_by: null,
    decided_at: null,
    created_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertClaimRequest(trx, row);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.task.request_claim',
      targetType: 'care_task',
      targetId: task.id,
      detail: { claimRequestId: row.id, organizationId: input.organizationId, ownerId: task.claimed_org_id },
    });
  });
  return toDto(ctx, row);
}

/**
 * The owner's coordinators approve (the task moves to the asking organization as claimed, its
 * driver, if any, loses the address at once) or decline. Conditional on the task's version.
 */
export async function decideClaim(
  ctx: RequestContext,
  slug: string,
  taskId: string,
  claimRequestId: string,
  input: z.infer<typeof DecideCareClaim>,
) {
  const { access, actor, network, task } = await enterTask(ctx, slug, taskId);
  if (!task.claimed_org_id) throw conflict('task_state');
  authorize(access, P['task.transfer'], task.claimed_org_id);
  const db = ctx.deps.database.db;
  const request = await repo.findClaimRequest(db, network.id, task.id, claimRequestId);
  if (!request) throw notFound();
  if (request.status !== 'pending') throw conflict('task_state');
  const now = ctx.deps.clock.now().toISOString();
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  await inTransaction(ctx, async (trx, audit) => {
    if (!(await repo.decideClaimRequest(trx, request.id, { status, decided_by: actor.accountId, decided_at: now })))
      throw conflict('task_state');
    if (status === 'approved') {
      const moved = await repo.moveTask(
        trx,
        network.id,
        task.id,
        { status: OWNED, version: task.version },
        {
          status: 'claimed',
          claimed_org_id: request.organization_id,
          claimed_by: request.requested_by,
          claimed_at: now,
          driver_account_id: null,
          assigned_at: null,
          picked_up_at: null,
          updated_at: now,
        },
      );
      if (!moved) throw conflict('task_taken');
      await repo.declineOtherClaimRequests(trx, task.id, request.id, actor.accountId, now);
      await noticeTaskStep(trx, ctx.deps, task, 'transfer', { claimed_org_id: request.organization_id }, now);
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.task.claim_request.${input.decision}`,
      targetType: 'care_task',
      targetId: task.id,
      detail: {
        claimRequestId: request.id,
        from: task.claimed_org_id,
        to: request.organization_id,
        previousDriverAccountId: task.driver_account_id,
      },
    });
  });
  return toDto(ctx, { ...request, status, decided_by: actor.accountId, decided_at: now });
}

/** The pending claim requests of a task, for its owner's coordinators (each carries the asker's reason). */
export async function listClaimRequests(ctx: RequestContext, slug: string, taskId: string) {
  const { access, network, task } = await enterTask(ctx, slug, taskId);
  if (!task.claimed_org_id) throw conflict('task_state');
  authorize(access, P['task.transfer'], task.claimed_org_id);
  const rows = await repo.listPendingClaimRequests(ctx.deps.database.db, network.id, task.id);
  return { claimRequests: rows.map((r) => toDto(ctx, r)) };
}
