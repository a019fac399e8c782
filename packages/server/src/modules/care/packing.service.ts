import type { ReserveItems } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import * as careRepo from './care.repository.ts';
import { enterHub } from './hubs.service.ts';
import * as stockRepo from './stock.repository.ts';

/** Task statuses a hub may still pack for: before the driver leaves. */
const PACKABLE = new Set(['open', 'claimed', 'assigned']);

const toReservationDto = (r: Awaited<ReturnType<typeof stockRepo.reservationsOf>>[number]) => ({
  id: r.id,
  taskId: r.task_id,
  hubId: r.hub_id,
  hubName: r.hub_name,
  itemId: r.item_id,
  itemName: r.item_name,
  quantity: r.quantity,
  status: r.status as 'reserved',
  createdAt: new Date(r.created_at).toISOString(),
});

async function taskOf(ctx: RequestContext, networkId: string, taskId: string) {
  const task = await careRepo.findTask(ctx.deps.database.db, networkId, taskId);
  if (!task) throw notFound();
  return task;
}

/**
 * A coordinator of the hub's organization packs items at the hub for a delivery task: each
 * line is one conditional update (reserved grows only while on hand less reserved covers it),
 * all lines in one transaction. Any line short: 409 insufficient_stock and nothing is packed.
 */
export async function reserveItems(ctx: RequestContext, slug: string, taskId: string, input: z.output<typeof ReserveItems>) {
  const { network, actor, hub } = await enterHub(ctx, slug, input.hubId, P['task.pack']);
  const task = await taskOf(ctx, network.id, taskId);
  if (!PACKABLE.has(task.status)) throw conflict('task_state');
  const wanted = new Map<string, number>();
  for (const l of input.items) wanted.set(l.itemId, (wanted.get(l.itemId) ?? 0) + l.quantity);
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    for (const [itemId, quantity] of wanted) {
      if (!(await stockRepo.reserve(trx, hub.id, itemId, quantity, now))) throw conflict('insufficient_stock', { itemId });
      await stockRepo.insertReservation(trx, {
        id: newId(),
        network_id: network.id,
        task_id: task.id,
        hub_id: hub.id,
        item_id: itemId,
        quantity,
        status: 'reserved',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      });
      await stockRepo.insertMovement(trx, {
        network_id: network.id,
        hub_id: hub.id,
        item_id: itemId,
        kind: 'packed_for_delivery',
        quantity,
        task_id: task.id,
        peer_hub_id: null,
        actor_id: actor.accountId,
        created_at: now,
      });
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.task.pack',
      targetType: 'care_task',
      targetId: task.id,
      detail: { hubId: hub.id, lines: wanted.size },
    });
  });
  return listReservations(ctx, slug, taskId);
}

/** What is packed for a task, where: hub and item names, counts, statuses (no address). */
export async function listReservations(ctx: RequestContext, slug: string, taskId: string) {
  const { network } = await enterNetwork(ctx, slug, P['task.list']);
  const task = await taskOf(ctx, network.id, taskId);
  const rows = await stockRepo.reservationsOf(ctx.deps.database.db, network.id, task.id);
  return { reservations: rows.map(toReservationDto) };
}

/**
 * The driver leaves with what was packed (called inside the task's picked-up or delivered
 * step, in its transaction): each still-reserved line leaves on hand and reserved together.
 */
export async function pickUpReservations(trx: Transaction<DB>, networkId: string, taskId: string, actorId: string, now: string) {
  for (const r of await stockRepo.reservationsOf(trx, networkId, taskId, { status: ['reserved'] })) {
    if (!(await stockRepo.moveReservation(trx, r.id, 'reserved', 'picked_up', now))) continue;
    if (!(await stockRepo.settleReserved(trx, r.hub_id, r.item_id, r.quantity, true, now))) throw conflict('reservation_state');
    await stockRepo.insertMovement(trx, {
      network_id: networkId,
      hub_id: r.hub_id,
      item_id: r.item_id,
      kind: 'picked_up',
      quantity: r.quantity,
      task_id: taskId,
      peer_hub_id: null,
      actor_id: actorId,
      created_at: now,
    });
  }
}

/**
 * A failed delivery's items back at the hub, recorded by its coordinators: picked-up lines go
 * back on hand (returned), lines never picked up are unpacked (released). 409
 * reservation_state when the task has not failed or nothing of it is left to return here.
 */
export async function returnReservations(ctx: RequestContext, slug: string, hubId: string, taskId: string) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['stock.move']);
  const task = await taskOf(ctx, network.id, taskId);
  if (task.failed_at === null || task.delivered_at !== null) throw conflict('reservation_state');
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    const open = await stockRepo.reservationsOf(trx, network.id, task.id, { hubId: hub.id, status: ['reserved', 'picked_up'] });
    let moved = 0;
    for (const r of open) {
      const to = r.status === 'picked_up' ? 'returned' : 'released';
      if (!(await stockRepo.moveReservation(trx, r.id, r.status, to, now))) continue;
      if (to === 'returned') await stockRepo.addOnHand(trx, hub.id, r.item_id, r.quantity, now);
      else if (!(await stockRepo.settleReserved(trx, hub.id, r.item_id, r.quantity, false, now)))
        throw conflict('reservation_state');
      await stockRepo.insertMovement(trx, {
        network_id: network.id,
        hub_id: hub.id,
        item_id: r.item_id,
        kind: to,
        quantity: r.quantity,
        task_id: task.id,
        peer_hub_id: null,
        actor_id: actor.accountId,
        created_at: now,
      });
      moved++;
    }
    if (moved === 0) throw conflict('reservation_state');
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.task.return',
      targetType: 'care_task',
      targetId: task.id,
      detail: { hubId: hub.id, lines: moved },
    });
  });
  return listReservations(ctx, slug, taskId);
}
