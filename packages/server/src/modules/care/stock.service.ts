import type { StockMovementInput } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { inTransaction } from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import { toMovementDto } from './hubs.dto.ts';
import * as repo from './hubs.repository.ts';
import { enterHub, hubDto } from './hubs.service.ts';
import * as stockRepo from './stock.repository.ts';

/**
 * A movement at a hub, by a coordinator of its organization: a donation in, spoiled stock out,
 * or a transfer to another hub of the network (out here, in there, in one transaction). Out
 * takes only free stock (on hand, not packed) in one conditional update: 409 insufficient_stock
 * when there is not that much, and nothing changes.
 */
export async function recordMovement(
  ctx: RequestContext,
  slug: string,
  hubId: string,
  input: z.output<typeof StockMovementInput>,
) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['stock.move']);
  const db = ctx.deps.database.db;
  if (!(await repo.findItem(db, network.id, input.itemId))) throw badRequest('validation_failed', { fields: ['itemId'] });
  const to = input.kind === 'transfer' ? await repo.findHub(db, network.id, input.toHubId) : undefined;
  if (input.kind === 'transfer' && (!to || to.id === hub.id)) throw badRequest('validation_failed', { fields: ['toHubId'] });
  const now = ctx.deps.clock.now().toISOString();
  const { itemId, quantity } = input;
  const movement = {
    network_id: network.id,
    item_id: itemId,
    quantity,
    task_id: null,
    actor_id: actor.accountId,
    created_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await stockRepo.ensureStockLine(trx, network.id, hub.id, itemId, now);
    if (input.kind === 'received_donation') {
      await stockRepo.addOnHand(trx, hub.id, itemId, quantity, now);
      await stockRepo.insertMovement(trx, { ...movement, hub_id: hub.id, kind: 'received_donation', peer_hub_id: null });
    } else {
      if (!(await stockRepo.takeFree(trx, hub.id, itemId, quantity, now))) throw conflict('insufficient_stock');
      if (input.kind === 'spoiled')
        await stockRepo.insertMovement(trx, { ...movement, hub_id: hub.id, kind: 'spoiled', peer_hub_id: null });
      if (to) {
        await stockRepo.ensureStockLine(trx, network.id, to.id, itemId, now);
        await stockRepo.addOnHand(trx, to.id, itemId, quantity, now);
        await stockRepo.insertMovement(trx, { ...movement, hub_id: hub.id, kind: 'transfer_out', peer_hub_id: to.id });
        await stockRepo.insertMovement(trx, { ...movement, hub_id: to.id, kind: 'transfer_in', peer_hub_id: hub.id });
      }
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.stock.${input.kind}`,
      targetType: 'care_hub',
      targetId: hub.id,
      detail: { itemId, quantity, toHubId: to?.id ?? null },
    });
  });
  return hubDto(ctx, network.id, hub.id);
}

/** The low-stock threshold of an item at a hub (null: never flagged). */
export async function setThreshold(
  ctx: RequestContext,
  slug: string,
  hubId: string,
  itemId: string,
  lowThreshold: number | null,
) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['stock.move']);
  if (!(await repo.findItem(ctx.deps.database.db, network.id, itemId)))
    throw badRequest('validation_failed', { fields: ['itemId'] });
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    await stockRepo.ensureStockLine(trx, network.id, hub.id, itemId, now);
    await stockRepo.setThreshold(trx, hub.id, itemId, lowThreshold, now);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.stock.threshold',
      targetType: 'care_hub',
      targetId: hub.id,
      detail: { itemId, lowThreshold },
    });
  });
  return hubDto(ctx, network.id, hub.id);
}

/** A hub's movements, newest first, with who and when. */
export async function listMovements(ctx: RequestContext, slug: string, hubId: string) {
  const { network, hub } = await enterHub(ctx, slug, hubId, P['stock.read']);
  return { movements: (await stockRepo.listMovements(ctx.deps.database.db, network.id, hub.id)).map(toMovementDto) };
}
