import type { CareAreaValue, CareItemValue } from './dto.ts';
import type { CreateCareRequest, TriageCareRequest } from '@switchboard/shared';
import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction, networkBySlug } from '../networks/index.ts';
import { areaNameAt, locate } from '../places/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import * as repo from './care.repository.ts';
import { newCareReceiptCode } from './receipt-code.ts';
import { toRequestDto } from './dto.ts';
import { noticeRequester } from './care-notices.ts';

/** Resolution of the coarse cell lists show: a neighbourhood, never a house. */
export const CARE_AREA_RESOLUTION = 8;

type Input = z.infer<typeof CreateCareRequest>;

/**
 * The coarse area of a request: from the point when the form had a map, else from the typed
 * address through the gazetteer (its best place's neighbourhood and cell). Neither: no area.
 */
async function areaOf(deps: Deps, networkId: string, input: Input): Promise<CareAreaValue> {
  if (input.point)
    return {
      cell: latLngToCell(input.point.lat, input.point.lng, CARE_AREA_RESOLUTION),
      name: await areaNameAt(deps, networkId, input.point),
    };
  // The whole address as typed, and a known place named inside it ("… Lake St & Chicago Ave, 2nd floor").
  const found = await locate(deps, networkId, { locationText: input.address, message: input.address });
  if (!found.point) return { cell: null, name: null };
  return {
    cell: latLngToCell(found.point.lat, found.point.lng, CARE_AREA_RESOLUTION),
    name: found.areaName ?? found.placeName,
  };
}

/** A request row with its secrets sealed: contact, address, point and items are ciphertexts. */
async function newRequestRow(deps: Deps, networkId: string, input: Input, extra: Partial<repo.CareRequestRow>) {
  const { keyring, clock } = deps;
  const area = await areaOf(deps, networkId, input);
  const now = clock.now().toISOString();
  const items: CareItemValue[] = input.items.map((i) => ({ name: i.name, quantity: i.quantity }));
  const row: repo.CareRequestRow = {
    id: newId(),
    network_id: networkId,
    origin: 'public',
    kind: input.kind,
    items_enc: keyring.encrypt('case', JSON.stringify(items)),
    contact_enc: keyring.encrypt('contact', input.contact),
    address_enc: keyring.encrypt('address', input.address),
    point_enc: input.point ? keyring.encrypt('address', JSON.stringify(input.point)) : null,
    area_cell: area.cell,
    area_name: area.name,
    language: input.language ?? 'en',
    discreet: input.discreet ? 1 : 0,
    status: 'new',
    decline_reason_enc: null,
    merged_into: null,
    receipt_code: null,
    dedupe_hash: null,
    filed_by: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
    ...extra,
  };
  return row;
}

const openTask = (row: repo.CareRequestRow, now: string): repo.CareTaskRow => ({
  id: newId(),
  network_id: row.network_id,
  request_id: row.id,
  status: 'open',
  version: 1,
  claimed_org_id: null,
  claimed_by: null,
  claimed_at: null,
  driver_account_id: null,
  assigned_at: null,
  picked_up_at: null,
  delivered_at: null,
  failed_at: null,
  failure_reason_enc: null,
  closed_at: null,
  created_at: now,
  updated_at: now,
});

/**
 * A request from the public: anonymous, rate limited by the route, and idempotent (a replay
 * with the same key gets the same receipt). It waits in triage as `new`.
 */
export async function submitPublicRequest(deps: Deps, slug: string, input: Input, idempotencyKey: string | undefined) {
  const network = await networkBySlug(deps, slug);
  if (!network) throw notFound();
  const db = deps.database.db;
  const dedupe = idempotencyKey ? deps.keyring.lookupHash(`care-request:${network.id}:${idempotencyKey}`) : null;
  if (dedupe) {
    const seen = await repo.findRequestByDedupe(db, network.id, dedupe);
    if (seen) return { created: false, receiptCode: seen.receipt_code!, status: seen.status as 'new' };
  }
  const row = await newRequestRow(deps, network.id, input, { receipt_code: newCareReceiptCode(), dedupe_hash: dedupe });
  try {
    await repo.insertRequest(db, row);
  } catch (error) {
    // The same key arriving twice at once: the unique index lets one in; the other answers with its receipt.
    const seen = dedupe ? await repo.findRequestByDedupe(db, network.id, dedupe) : undefined;
    if (!seen) throw error;
    return { created: false, receiptCode: seen.receipt_code!, status: seen.status as 'new' };
  }
  return { created: true, receiptCode: row.receipt_code!, status: 'new' as const };
}

/** What a requester sees with their receipt code: the status and a decline reason, nothing else. */
export async function careReceiptStatus(deps: Deps, slug: string, code: string) {
  const network = await networkBySlug(deps, slug);
  const normalized = code.trim().toUpperCase();
  const row =
    network && /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(normalized)
      ? await repo.findRequestByReceipt(deps.database.db, network.id, normalized)
      : undefined;
  if (!row) throw notFound();
  const status = row.status as 'new' | 'accepted' | 'declined' | 'merged';
  const reason = status === 'declined' && row.decline_reason_enc ? deps.keyring.decrypt('case', row.decline_reason_enc) : null;
  return { status, reason };
}

/** A member files a request on someone's behalf: accepted at once, with its open task. */
export async function fileMemberRequest(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['request.file']);
  const now = ctx.deps.clock.now().toISOString();
  const row = await newRequestRow(ctx.deps, network.id, input, {
    origin: 'member',
    status: 'accepted',
    filed_by: actor.accountId,
    decided_by: actor.accountId,
    decided_at: now,
  });
  const task = openTask(row, now);
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertRequest(trx, row);
    await repo.insertTask(trx, task);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.request.file',
      targetType: 'care_request',
      targetId: row.id,
      detail: { kind: row.kind, taskId: task.id },
    });
    await noticeRequester(trx, ctx.deps, row, 'accepted', { dedupeKey: 'accepted', now });
  });
  return toRequestDto(ctx.deps, { ...row, task_id: task.id });
}

/** Triage: requests, new ones first; the coarse area only. */
export async function listRequests(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['request.list']);
  const rows = await repo.listRequests(ctx.deps.database.db, network.id);
  return { requests: rows.map((r) => toRequestDto(ctx.deps, r)) };
}

/** A coordinator accepts (an open task is made), declines with a reason, or merges into another request. */
export async function triageRequest(
  ctx: RequestContext,
  slug: string,
  requestId: string,
  decision: z.infer<typeof TriageCareRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['request.triage']);
  const db = ctx.deps.database.db;
  const row = await repo.findRequest(db, network.id, requestId);
  if (!row) throw notFound();
  if (row.status !== 'new') throw conflict('task_state');
  const now = ctx.deps.clock.now().toISOString();
  const decided = { decided_by: actor.accountId, decided_at: now, updated_at: now };
  let taskId: string | null = null;
  await inTransaction(ctx, async (trx, audit) => {
    let change: Partial<repo.CareRequestRow>;
    if (decision.decision === 'accept') change = { ...decided, status: 'accepted' };
    else if (decision.decision === 'decline')
      change = { ...decided, status: 'declined', decline_reason_enc: ctx.deps.keyring.encrypt('case', decision.reason) };
    else {
      const into = decision.into === row.id ? undefined : await repo.findRequest(trx, network.id, decision.into);
      if (!into || into.status === 'merged' || into.status === 'declined')
        throw badRequest('validation_failed', { fields: ['into'] });
      change = { ...decided, status: 'merged', merged_into: into.id };
    }
    if (!(await repo.decideRequest(trx, network.id, row.id, change))) throw conflict('task_state');
    if (decision.decision === 'accept') {
      const task = openTask(row, now);
      await repo.insertTask(trx, task);
      taskId = task.id;
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.request.${decision.decision}`,
      targetType: 'care_request',
      targetId: row.id,
      detail: { taskId, mergedInto: change.merged_into ?? null },
    });
    // Accepted or declined (with its reason), the requester is told; a merge says nothing new.
    if (decision.decision === 'accept') await noticeRequester(trx, ctx.deps, row, 'accepted', { dedupeKey: 'accepted', now });
    if (decision.decision === 'decline')
      await noticeRequester(trx, ctx.deps, row, 'declined', { reason: decision.reason, dedupeKey: 'declined', now });
    Object.assign(row, change);
  });
  return toRequestDto(ctx.deps, { ...row, task_id: taskId });
}
