import type { AssignCareTask, CareTaskProgress } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { rolesHeld, type NetworkAccess } from '../../platform/access/access.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import {
  activeMembershipsOf,
  auditRead,
  enterNetwork,
  findOrganization,
  inTransaction,
  organizationNames,
} from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import * as repo from './care.repository.ts';
import { toTaskDto } from './dto.ts';
import { pickUpReservations } from './packing.service.ts';
import { cellsNear, NEAR_LIMIT } from './near-area.ts';
import { noticeTaskStep } from './task-notices.ts';

/** Statuses in which the assigned driver holds the address: the trip is theirs and under way. */
const DRIVER_HOLDS_ADDRESS = new Set(['assigned', 'picked_up']);

const isCoordinatorOf = (access: NetworkAccess, organizationId: string | null) =>
  organizationId !== null && rolesHeld(access, organizationId).has('org_coordinator');

async function dtoOf(ctx: RequestContext, rows: repo.CareTaskListRow[]) {
  const ids = rows.flatMap((r) => (r.claimed_org_id ? [r.claimed_org_id] : []));
  const names = ids.length ? await organizationNames(ctx.deps.database.db, ids) : new Map<string, string>();
  return rows.map((r) => toTaskDto(ctx.deps, r, names));
}

/** A task of the network, after the caller passed the list rule (404 for none). */
async function enterTask(ctx: RequestContext, slug: string, taskId: string) {
  const entered = await enterNetwork(ctx, slug, P['task.list']);
  const task = await repo.findTask(ctx.deps.database.db, entered.network.id, taskId);
  if (!task) throw notFound();
  return { ...entered, task };
}

/** Move a task on, or 409 when someone else moved it first. */
async function move(
  ctx: RequestContext,
  entered: Awaited<ReturnType<typeof enterTask>>,
  from: readonly string[],
  change: Partial<repo.CareTaskRow>,
  action: string,
  detail: Record<string, unknown> = {},
  also?: (trx: Transaction<DB>, now: string) => Promise<void>,
) {
  const { network, actor, task } = entered;
  if (!from.includes(task.status)) throw conflict('task_state');
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    const moved = await repo.moveTask(
      trx,
      network.id,
      task.id,
      { status: from, version: task.version },
      {
        ...change,
        updated_at: now,
      },
    );
    if (!moved) throw conflict('task_taken');
    await also?.(trx, now);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.task.${action}`,
      targetType: 'care_task',
      targetId: task.id,
      detail: { from: task.status, to: change.status ?? task.status, ...detail },
    });
    // The requester hears of the step in the same transaction (care-notices.ts: never an address).
    await noticeTaskStep(trx, ctx.deps, task, action, change, now);
  });
  const fresh = await repo.findTask(ctx.deps.database.db, network.id, task.id);
  return (await dtoOf(ctx, [fresh!]))[0];
}

/**
 * Open and claimed tasks for drivers and coordinators: kind, items and the coarse area only.
 * With `near` ("near me"), only tasks in the driver's coarse area and the rings around it.
 */
export async function listTasks(
  ctx: RequestContext,
  slug: string,
  status: string | undefined,
  near?: { cell: string; rings?: number },
) {
  const { network } = await enterNetwork(ctx, slug, P['task.list']);
  const cells = near ? cellsNear(near.cell, near.rings) : undefined;
  const rows = await repo.listTasks(ctx.deps.database.db, network.id, status, cells ? NEAR_LIMIT : 500, cells);
  return { tasks: await dtoOf(ctx, rows) };
}

/** An organization claims an open task (a coordinator of it); of two claims at once exactly one wins. */
export async function claimTask(ctx: RequestContext, slug: string, taskId: string, organizationId: string) {
  const entered = await enterTask(ctx, slug, taskId);
  authorize(entered.access, P['task.claim'], organizationId);
  const org = await findOrganization(ctx.deps.database.db, entered.network.id, organizationId);
  if (!org || org.status !== 'active') throw badRequest('validation_failed', { fields: ['organizationId'] });
  if (entered.task.status !== 'open') throw conflict('task_taken');
  const now = ctx.deps.clock.now().toISOString();
  return move(
    ctx,
    entered,
    ['open'],
    {
      status: 'claimed',
      claimed_org_id: organizationId,
      claimed_by: entered.actor.accountId,
      claimed_at: now,
    },
    'claim',
    { organizationId },
  );
}

/**
 * A coordinator of the claiming organization assigns (or reassigns) one of its active drivers;
 * a driver of it may assign themself. The former driver loses the address at once.
 */
export async function assignTask(ctx: RequestContext, slug: string, taskId: string, input: z.infer<typeof AssignCareTask>) {
  const entered = await enterTask(ctx, slug, taskId);
  const { access, actor, task, network } = entered;
  if (!task.claimed_org_id) throw conflict('task_state');
  authorize(access, P['task.assign'], task.claimed_org_id);
  const driverId = input.driverAccountId ?? actor.accountId;
  const self = driverId === actor.accountId;
  if (!isCoordinatorOf(access, task.claimed_org_id) && !(self && rolesHeld(access, task.claimed_org_id).has('driver')))
    throw forbidden();
  const [membership] = await activeMembershipsOf(ctx.deps.database.db, network.id, {
    accountIds: [driverId],
    organizationId: task.claimed_org_id,
  });
  if (!membership?.roles.includes('driver')) throw badRequest('driver_not_member', { fields: ['driverAccountId'] });
  const now = ctx.deps.clock.now().toISOString();
  return move(
    ctx,
    entered,
    ['claimed', 'assigned'],
    { status: 'assigned', driver_account_id: driverId, assigned_at: now },
    'assign',
    {
      driverAccountId: driverId,
      previousDriverAccountId: task.driver_account_id,
    },
  );
}

/** The trip's steps: picked up, delivered, failed (with a reason) by the driver or a coordinator; closed by a coordinator. */
export async function progressTask(ctx: RequestContext, slug: string, taskId: string, input: z.infer<typeof CareTaskProgress>) {
  const entered = await enterTask(ctx, slug, taskId);
  const { access, actor, task } = entered;
  if (!task.claimed_org_id) throw conflict('task_state');
  authorize(access, P['task.progress'], task.claimed_org_id);
  const coordinator = isCoordinatorOf(access, task.claimed_org_id);
  const driver = task.driver_account_id === actor.accountId;
  if (!coordinator && (input.status === 'closed' || !driver)) throw forbidden();
  const now = ctx.deps.clock.now().toISOString();
  // What a hub packed for the task leaves with the driver (also when "delivered" skips "picked up").
  const packedLeave = (trx: Transaction<DB>, at: string) =>
    pickUpReservations(trx, entered.network.id, task.id, actor.accountId, at);
  switch (input.status) {
    case 'picked_up':
      return move(ctx, entered, ['assigned'], { status: 'picked_up', picked_up_at: now }, 'picked_up', {}, packedLeave);
    case 'delivered':
      return move(
        ctx,
        entered,
        ['assigned', 'picked_up'],
        { status: 'delivered', delivered_at: now },
        'delivered',
        {},
        packedLeave,
      );
    case 'failed':
      return move(
        ctx,
        entered,
        ['assigned', 'picked_up'],
        { status: 'failed', failed_at: now, failure_reason_enc: ctx.deps.keyring.encrypt('case', input.reason) },
        'failed',
      );
    case 'closed':
      return move(ctx, entered, ['delivered', 'failed'], { status: 'closed', closed_at: now }, 'close');
  }
}

/**
 * The address rule: a task's address and contact, for the assigned driver while the task is
 * assigned or picked up (never after delivered, failed, reassigned or closed), and for
 * coordinators of the claiming organization. Anyone else, network admins included, gets 403.
 * Every read is audited with who read it and as what.
 */
export async function readTaskAddress(ctx: RequestContext, slug: string, taskId: string) {
  const { access, actor, task, network } = await enterTask(ctx, slug, taskId);
  if (!task.claimed_org_id) throw forbidden();
  authorize(access, P['task.address'], task.claimed_org_id);
  const asCoordinator = isCoordinatorOf(access, task.claimed_org_id);
  const asDriver = task.driver_account_id === actor.accountId && DRIVER_HOLDS_ADDRESS.has(task.status) && task.closed_at === null;
  if (!asCoordinator && !asDriver) throw forbidden();
  const secrets = await repo.findTaskSecrets(ctx.deps.database.db, network.id, task.request_id);
  if (!secrets?.address_enc || !secrets.contact_enc) throw notFound();
  const { keyring } = ctx.deps;
  const result = {
    address: keyring.decrypt('address', secrets.address_enc),
    contact: keyring.decrypt('contact', secrets.contact_enc),
    point: secrets.point_enc ? (JSON.parse(keyring.decrypt('address', secrets.point_enc)) as { lat: number; lng: number }) : null,
  };
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'care.task.address.read',
    targetType: 'care_task',
    targetId: task.id,
    detail: { as: asDriver ? 'driver' : 'coordinator', status: task.status, organizationId: task.claimed_org_id },
  });
  return result;
}
