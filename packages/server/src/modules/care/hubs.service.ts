import type { HubInput, ItemInput } from '@switchboard/shared';
import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import { rolesHeld } from '../../platform/access/access.ts';
import { authorize, type PolicyRule } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { auditRead, enterNetwork, findOrganization, inTransaction } from '../networks/index.ts';
import { locate } from '../places/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import { toHubDto, toItemDto, totalsOf } from './hubs.dto.ts';
import * as repo from './hubs.repository.ts';
import * as stockRepo from './stock.repository.ts';
import { CARE_AREA_RESOLUTION } from './requests.service.ts';

type Input = z.output<typeof HubInput>;

/**
 * A hub of the network (404 for none, or archived), after the caller passed the list rule and
 * then `rule` in the hub's organization.
 */
export async function enterHub(ctx: RequestContext, slug: string, hubId: string, rule?: PolicyRule) {
  const entered = await enterNetwork(ctx, slug, P['hub.list']);
  const hub = await repo.findHub(ctx.deps.database.db, entered.network.id, hubId);
  if (!hub) throw notFound();
  if (rule) authorize(entered.access, rule, hub.organization_id);
  return { ...entered, hub };
}

/** One hub with its stock, as the DTO. */
export async function hubDto(ctx: RequestContext, networkId: string, hubId: string) {
  const db = ctx.deps.database.db;
  const hub = await repo.findHub(db, networkId, hubId);
  if (!hub) throw notFound();
  return toHubDto(hub, await repo.stockOf(db, networkId, [hub.id]));
}

/** Hubs with their stock, and the totals over all of them: never an address. */
export async function listHubs(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['hub.list']);
  const db = ctx.deps.database.db;
  const hubs = await repo.listHubs(db, network.id);
  const stock = await repo.stockOf(
    db,
    network.id,
    hubs.map((h) => h.id),
  );
  return { hubs: hubs.map((h) => toHubDto(h, stock)), totals: totalsOf(stock) };
}

export async function getHub(ctx: RequestContext, slug: string, hubId: string) {
  const { network, hub } = await enterHub(ctx, slug, hubId);
  return hubDto(ctx, network.id, hub.id);
}

/** The coarse area: the neighbourhood given, else the gazetteer's for the typed address; neither, none. */
async function areaOf(ctx: RequestContext, networkId: string, input: Input) {
  const found = await locate(ctx.deps, networkId, { locationText: input.address, message: input.address });
  const cell = found.point ? latLngToCell(found.point.lat, found.point.lng, CARE_AREA_RESOLUTION) : null;
  return { area_name: input.areaName ?? found.areaName ?? found.placeName, area_cell: cell };
}

async function assertActiveOrg(ctx: RequestContext, networkId: string, organizationId: string) {
  const org = await findOrganization(ctx.deps.database.db, networkId, organizationId);
  if (!org || org.status !== 'active') throw badRequest('validation_failed', { fields: ['organizationId'] });
}

/** A coordinator of the organization opens a hub; the address is stored sealed. */
export async function createHub(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['hub.manage'], input.organizationId);
  await assertActiveOrg(ctx, network.id, input.organizationId);
  const now = ctx.deps.clock.now().toISOString();
  const id = newId();
  const area = await areaOf(ctx, network.id, input);
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertHub(trx, {
      id,
      network_id: network.id,
      organization_id: input.organizationId,
      name: input.name,
      ...area,
      address_enc: ctx.deps.keyring.encrypt('address', input.address),
      hours: JSON.stringify(input.hours),
      archived_at: null,
      created_by: actor.accountId,
      created_at: now,
      updated_at: now,
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.hub.create',
      targetType: 'care_hub',
      targetId: id,
    });
  });
  return hubDto(ctx, network.id, id);
}

/** Its coordinators change a hub; it stays with its organization (a move is a new hub). */
export async function updateHub(ctx: RequestContext, slug: string, hubId: string, input: Input) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['hub.manage']);
  if (input.organizationId !== hub.organization_id) throw badRequest('validation_failed', { fields: ['organizationId'] });
  const area = await areaOf(ctx, network.id, input);
  await inTransaction(ctx, async (trx, audit) => {
    await repo.updateHub(trx, network.id, hub.id, {
      name: input.name,
      ...area,
      address_enc: ctx.deps.keyring.encrypt('address', input.address),
      hours: JSON.stringify(input.hours),
      updated_at: ctx.deps.clock.now().toISOString(),
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.hub.update',
      targetType: 'care_hub',
      targetId: hub.id,
    });
  });
  return hubDto(ctx, network.id, hub.id);
}

/** Close a hub (archived: its movements stay for the record); 409 while items there are packed for tasks. */
export async function archiveHub(ctx: RequestContext, slug: string, hubId: string) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['hub.manage']);
  await inTransaction(ctx, async (trx, audit) => {
    if (await stockRepo.hubHasReserved(trx, hub.id)) throw conflict('hub_in_use');
    const now = ctx.deps.clock.now().toISOString();
    await repo.updateHub(trx, network.id, hub.id, { archived_at: now, updated_at: now });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.hub.archive',
      targetType: 'care_hub',
      targetId: hub.id,
    });
  });
  return { ok: true as const };
}

/**
 * The hub address rule: coordinators of the hub's organization, and a driver of a live task
 * (assigned or picked up) packed at this hub, while it is theirs. Anyone else, network admins
 * included, gets 403. Every read is audited with who and as what.
 */
export async function readHubAddress(ctx: RequestContext, slug: string, hubId: string) {
  const { network, actor, access, hub } = await enterHub(ctx, slug, hubId);
  const db = ctx.deps.database.db;
  const asCoordinator = rolesHeld(access, hub.organization_id).has('org_coordinator');
  const trip = asCoordinator ? undefined : await stockRepo.drivesTaskAtHub(db, network.id, hub.id, actor.accountId);
  if (!asCoordinator) {
    if (!trip?.claimed_org_id) throw forbidden();
    authorize(access, P['hub.address'], trip.claimed_org_id);
  }
  const enc = await repo.findHubAddress(db, network.id, hub.id);
  if (!enc) throw notFound();
  const address = ctx.deps.keyring.decrypt('address', enc);
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'care.hub.address.read',
    targetType: 'care_hub',
    targetId: hub.id,
    detail: { as: asCoordinator ? 'coordinator' : 'driver', taskId: trip?.id ?? null },
  });
  return { address };
}

export async function listItems(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['hub.list']);
  return { items: (await repo.listItems(ctx.deps.database.db, network.id)).map(toItemDto) };
}

/** An item of the network's catalogue; 400 when one of that name exists. */
export async function createItem(ctx: RequestContext, slug: string, input: z.output<typeof ItemInput>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['item.manage']);
  const key = input.name.toLowerCase();
  const db = ctx.deps.database.db;
  if (await repo.findItemByName(db, network.id, key)) throw badRequest('validation_failed', { fields: ['name'] });
  const row = {
    id: newId(),
    network_id: network.id,
    name: input.name,
    name_key: key,
    unit: input.unit,
    pack_size: input.packSize,
    created_at: ctx.deps.clock.now().toISOString(),
  };
  try {
    await inTransaction(ctx, async (trx, audit) => {
      await repo.insertItem(trx, row);
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'care.item.create',
        targetType: 'care_item',
        targetId: row.id,
      });
    });
  } catch (error) {
    // Two coordinators adding the same name at once: the unique index lets one in, the other is told.
    if (await repo.findItemByName(db, network.id, key)) throw badRequest('validation_failed', { fields: ['name'] });
    throw error;
  }
  return toItemDto(row);
}
