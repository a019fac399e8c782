import type { ChangeIncidentStatusRequest, StructureReportRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit, hook } from '../../platform/wiring.ts';
import { findAccountsByIds } from '../identity/index.ts';
import { enterNetwork, inTransaction, type InNetwork } from '../networks/index.ts';
import { locate } from '../places/index.ts';
import { areaOf } from './geo.ts';
import { toIncidentDto, toReportDto } from './dto.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';
import * as repo from './reports.repository.ts';
import * as rows from './report-rows.ts';
import { SEALED_DETAIL_FIELDS, sealDetail } from './sealed-fields.ts';

/** How long an edit lock holds without being renewed. */
export const LOCK_MS = 2 * 60 * 1000;

/** Which status may follow which: closed incidents stay closed; a false alarm may be reopened. */
const TRANSITIONS: Record<string, readonly string[]> = {
  new: ['verifying', 'verified', 'unconfirmed', 'false_alarm', 'resolved'],
  verifying: ['verified', 'unconfirmed', 'false_alarm', 'resolved'],
  unconfirmed: ['verifying', 'verified', 'false_alarm', 'resolved'],
  verified: ['resolved'],
  false_alarm: ['verifying'],
  resolved: [],
};

/** Incident DTOs with the names of who holds their edit locks: one account lookup for the whole list. */
async function incidentDtos(ctx: RequestContext, incidents: rows.IncidentRow[]) {
  const holders = incidents.flatMap((i) => (i.lockAccountId ? [i.lockAccountId] : []));
  const names = holders.length ? await findAccountsByIds(ctx.deps.database.db, ctx.deps.keyring, holders) : new Map();
  const now = ctx.deps.clock.now().toISOString();
  return incidents.map((i) => {
    const holder = i.lockAccountId ? names.get(i.lockAccountId) : undefined;
    return toIncidentDto(i, holder ? { displayName: holder.displayName } : null, now);
  });
}

async function incidentDto(ctx: RequestContext, i: rows.IncidentRow) {
  return (await incidentDtos(ctx, [i]))[0];
}

/** The dispatcher queue: open incidents (or all, for the record), needs-action first. */
export async function listIncidents(ctx: RequestContext, slug: string, scope: 'open' | 'all') {
  const { network } = await enterNetwork(ctx, slug, P['incident.list']);
  const statuses =
    scope === 'open' ? repo.OPEN_STATUSES : ['new', 'verifying', 'verified', 'unconfirmed', 'false_alarm', 'resolved'];
  const rows = await repo.listIncidents(ctx.deps.database.db, ctx.deps.keyring, network.id, statuses);
  return { incidents: await incidentDtos(ctx, rows) };
}

/** One incident with its reports, timeline and dispatches (an audited read). */
export async function getIncident(ctx: RequestContext, slug: string, incidentId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['incident.read']);
  const { db } = ctx.deps.database;
  const { keyring } = ctx.deps;
  const incident = await repo.findIncident(db, keyring, network.id, incidentId);
  if (!incident) throw notFound();
  const [reports, events, dispatches] = await Promise.all([
    repo.listReportsOfIncident(db, keyring, incidentId),
    repo.listIncidentEvents(db, keyring, incidentId),
    hook(ctx.deps, 'reports.dispatchesOf')(db, ctx.deps.keyring, incidentId),
  ]);
  await inTransaction(ctx, (_trx, audit) =>
    audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'incident.read',
      targetType: 'incident',
      targetId: incidentId,
    }),
  );
  const actors = await findAccountsByIds(
    db,
    ctx.deps.keyring,
    events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  );
  const timeline = events.map(({ actorId, ...e }) => ({
    ...e,
    actorName: (actorId && actors.get(actorId)?.displayName) || null,
  }));
  return { incident: await incidentDto(ctx, incident), reports: reports.map(toReportDto), timeline, dispatches };
}

/** Read a report's callback contact: decrypted on demand, and audited. */
export async function readReportContact(ctx: RequestContext, slug: string, reportId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['report.contact.read']);
  const report = await repo.findReport(ctx.deps.database.db, ctx.deps.keyring, network.id, reportId);
  if (!report?.contactEnc) throw notFound();
  const contact = ctx.deps.keyring.decrypt('contact', report.contactEnc);
  await inTransaction(ctx, (_trx, audit) =>
    audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'report.contact.read',
      targetType: 'report',
      targetId: reportId,
    }),
  );
  return { contact };
}

/** Refuse a change while another dispatcher holds the lock. */
export function assertNotLockedByOther(inNet: InNetwork, incident: rows.IncidentRow, now: string) {
  if (
    incident.lockAccountId &&
    incident.lockAccountId !== inNet.actor.accountId &&
    incident.lockExpiresAt &&
    incident.lockExpiresAt > now
  ) {
    throw conflict('conflict', { lockedBy: incident.lockAccountId, until: incident.lockExpiresAt });
  }
}

/** Take (or renew) the edit lock so two dispatchers don't act on one incident at once. */
export async function lockIncident(ctx: RequestContext, slug: string, incidentId: string) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  const now = ctx.deps.clock.now();
  return mutate(ctx, inNet, incidentId, async (trx, incident) => {
    assertNotLockedByOther(inNet, incident, now.toISOString());
    await repo.updateIncident(trx, incident.id, {
      lock_account_id: inNet.actor.accountId,
      lock_expires_at: new Date(now.getTime() + LOCK_MS).toISOString(),
    });
  });
}

/** Release one's own lock. */
export async function unlockIncident(ctx: RequestContext, slug: string, incidentId: string) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  return mutate(ctx, inNet, incidentId, async (trx, incident) => {
    assertNotLockedByOther(inNet, incident, ctx.deps.clock.now().toISOString());
    await repo.updateIncident(trx, incident.id, { lock_account_id: null, lock_expires_at: null });
  });
}

/**
 * Change an incident's status. Verifying needs a reason that holds: a dispatched
 * responder on scene, or corroboration (two reports, or one from a vouched member).
 * Only `verified` lets an alert go out (alerts module, same transaction).
 */
export async function changeStatus(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof ChangeIncidentStatusRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  return mutate(ctx, inNet, incidentId, async (trx, incident, audit) => {
    const now = ctx.deps.clock.now().toISOString();
    assertNotLockedByOther(inNet, incident, now);
    if (incident.version !== input.version) throw conflict('conflict', { version: incident.version });
    if (!TRANSITIONS[incident.status]?.includes(input.status))
      throw conflict('conflict', { from: incident.status, to: input.status });
    if (input.status === 'verified') {
      if (!input.reason) throw badRequest('validation_failed', { fields: ['reason'] });
      if (input.reason === 'on_scene_confirmation' && !(await hook(ctx.deps, 'reports.hasOnSceneDispatch')(trx, incident.id)))
        throw badRequest('validation_failed', { reason: 'no responder on scene' });
      if (input.reason === 'corroborated' && incident.reportCount < 2 && incident.trustedReports < 1)
        throw badRequest('validation_failed', { reason: 'not corroborated' });
    }
    const set: Parameters<typeof repo.updateIncident>[2] = { status: input.status, updated_at: now };
    if (input.status === 'verified') Object.assign(set, { verified_at: now, verification_reason: input.reason });
    if (input.status === 'resolved' || input.status === 'false_alarm') set.closed_at = now;
    if (!(await repo.updateIncident(trx, incident.id, set, incident.version))) throw conflict();
    await repo.insertIncidentEvent(trx, {
      id: newId(),
      incidentId,
      networkId: inNet.network.id,
      kind: 'status_changed',
      actorId: inNet.actor.accountId,
      // A dispatcher's note is free text (it may name a street): sealed like the incident's words.
      ...sealDetail(
        ctx.deps.keyring,
        { from: incident.status, to: input.status, reason: input.reason ?? null, note: input.note ?? null },
        SEALED_DETAIL_FIELDS.status_changed,
      ),
      now,
    });
    await audit({
      networkId: inNet.network.id,
      actorId: inNet.actor.accountId,
      action: 'incident.status',
      targetType: 'incident',
      targetId: incidentId,
      detail: { from: incident.status, to: input.status, reason: input.reason ?? null },
    });
    await emit(ctx.deps, 'reports.incidentStatusChanged', {
      trx,
      incident: { ...incident, status: input.status },
      previousStatus: incident.status,
    });
  });
}

/** A dispatcher structures an SMS report: category and where. */
export async function structureReport(
  ctx: RequestContext,
  slug: string,
  reportId: string,
  input: z.infer<typeof StructureReportRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  const report = await repo.findReport(ctx.deps.database.db, ctx.deps.keyring, inNet.network.id, reportId);
  if (!report?.incidentId) throw notFound();
  // Typed words are placed as at intake: the gazetteer gives a point a dispatcher can send people to.
  const located =
    input.point || input.locationText
      ? await locate(ctx.deps, inNet.network.id, { point: input.point, locationText: input.locationText })
      : undefined;
  return mutate(ctx, inNet, report.incidentId, async (trx, incident, audit) => {
    const now = ctx.deps.clock.now().toISOString();
    const point = located?.point ?? (report.lat != null && report.lng != null ? { lat: report.lat, lng: report.lng } : null);
    const { keyring } = ctx.deps;
    await repo.updateReport(trx, reportId, {
      category: input.category,
      ...rows.sealedReportColumns(keyring, { locationText: input.locationText ?? report.locationText, point }),
      place_id: located?.point ? located.placeId : report.placeId,
      needs_structuring: 0,
    });
    // A lone report's incident takes on the structured facts.
    if (incident.reportCount === 1) {
      const named = located?.point ? located : undefined;
      await repo.updateIncident(trx, incident.id, {
        category: input.category,
        ...rows.sealedIncidentColumns(keyring, {
          locationText: input.locationText ?? incident.locationText,
          point,
          placeName: named ? named.placeName : incident.placeName,
        }),
        cell: point ? areaOf(point) : null,
        place_id: named ? named.placeId : incident.placeId,
        area_name: named ? named.areaName : incident.areaName,
        updated_at: now,
      });
    }
    await repo.insertIncidentEvent(trx, {
      id: newId(),
      incidentId: incident.id,
      networkId: inNet.network.id,
      kind: 'report_structured',
      actorId: inNet.actor.accountId,
      detail: { reportId },
      now,
    });
    await audit({
      networkId: inNet.network.id,
      actorId: inNet.actor.accountId,
      action: 'report.structure',
      targetType: 'report',
      targetId: reportId,
    });
  });
}

/**
 * Load the incident, run a change in one transaction with its audit entries, then
 * publish the new state to every dispatcher stream.
 */
export async function mutate(
  ctx: RequestContext,
  inNet: InNetwork,
  incidentId: string,
  change: (
    trx: Transaction<DB>,
    incident: rows.IncidentRow,
    audit: Parameters<Parameters<typeof inTransaction>[1]>[1],
  ) => Promise<void>,
) {
  await inTransaction(ctx, async (trx, audit) => {
    const incident = await repo.findIncident(trx, ctx.deps.keyring, inNet.network.id, incidentId);
    if (!incident) throw notFound();
    await change(trx, incident, audit);
  });
  const updated = await repo.findIncident(ctx.deps.database.db, ctx.deps.keyring, inNet.network.id, incidentId);
  if (!updated) throw new AppError('not_found', 404);
  return publishIncident(ctx, updated);
}

export async function publishIncident(ctx: RequestContext, incident: rows.IncidentRow) {
  const dto = await incidentDto(ctx, incident);
  const event: BusEvent = { type: 'incident.updated', networkId: incident.networkId, data: { incident: dto } };
  await ctx.deps.events.publish(event).catch(() => undefined);
  return dto;
}
