// Merging incidents a dispatcher sees are one, and splitting reports out of one that is two.
import type { MergeIncidentsRequest, SplitIncidentRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork } from '../networks/index.ts';
import { areaOf } from './geo.ts';
import { assertNotLockedByOther, getIncident, mutate, publishIncident } from './incidents.service.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';
import * as repo from './reports.repository.ts';

/** Merge other incidents of the network into this one; they become false-alarm shells pointing here. */
export async function mergeIncidents(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof MergeIncidentsRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  const merged = await mutate(ctx, inNet, incidentId, async (trx, target, audit) => {
    const now = ctx.deps.clock.now().toISOString();
    assertNotLockedByOther(inNet, target, now);
    for (const otherId of new Set(input.incidentIds)) {
      if (otherId === incidentId) continue;
      const other = await repo.findIncident(trx, ctx.deps.keyring, inNet.network.id, otherId);
      if (!other) throw notFound();
      const reports = await repo.listReportsOfIncident(trx, ctx.deps.keyring, otherId);
      await repo.moveReports(
        trx,
        reports.map((r) => r.id),
        incidentId,
      );
      await repo.updateIncident(trx, otherId, {
        status: 'resolved',
        closed_at: now,
        report_count: 0,
        trusted_reports: 0,
        updated_at: now,
      });
      await repo.insertIncidentEvent(trx, {
        id: newId(),
        incidentId: otherId,
        networkId: inNet.network.id,
        kind: 'merged_into',
        actorId: inNet.actor.accountId,
        detail: { into: incidentId },
        now,
      });
      await repo.insertIncidentEvent(trx, {
        id: newId(),
        incidentId,
        networkId: inNet.network.id,
        kind: 'merged',
        actorId: inNet.actor.accountId,
        detail: { from: otherId, reports: reports.length },
        now,
      });
    }
    await repo.recountIncident(trx, incidentId);
    await audit({
      networkId: inNet.network.id,
      actorId: inNet.actor.accountId,
      action: 'incident.merge',
      targetType: 'incident',
      targetId: incidentId,
      detail: { merged: input.incidentIds },
    });
  });
  // The merged-away shells are resolved now: every dispatcher's queue drops them at once.
  for (const otherId of new Set(input.incidentIds)) {
    const other =
      otherId === incidentId
        ? undefined
        : await repo.findIncident(ctx.deps.database.db, ctx.deps.keyring, inNet.network.id, otherId);
    if (other) await publishIncident(ctx, other);
  }
  return merged;
}

/** Split reports out of an incident into a new incident of their own. */
export async function splitIncident(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof SplitIncidentRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  let newIncidentId = '';
  await mutate(ctx, inNet, incidentId, async (trx, source, audit) => {
    const now = ctx.deps.clock.now().toISOString();
    assertNotLockedByOther(inNet, source, now);
    const reports = await repo.listReportsOfIncident(trx, ctx.deps.keyring, incidentId);
    const moving = reports.filter((r) => input.reportIds.includes(r.id));
    if (moving.length !== new Set(input.reportIds).size) throw notFound();
    if (moving.length === reports.length) throw badRequest('validation_failed', { reportIds: 'cannot move every report' });
    const first = moving[0];
    const point = first.lat != null && first.lng != null ? { lat: first.lat, lng: first.lng } : null;
    newIncidentId = newId();
    await repo.insertIncident(trx, ctx.deps.keyring, {
      id: newIncidentId,
      networkId: inNet.network.id,
      status: 'new',
      category: first.category,
      locationText: first.locationText,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      cell: point ? areaOf(point) : null,
      // The split takes its first report's place; its words are set again when a dispatcher places it.
      placeId: first.placeId,
      placeName: source.placeId === first.placeId ? source.placeName : null,
      areaName: source.placeId === first.placeId ? source.areaName : null,
      reportCount: 0,
      trustedReports: 0,
      firstReportedAt: first.createdAt,
      lastReportedAt: first.createdAt,
      verifiedAt: null,
      verificationReason: null,
      firstAcceptAt: null,
      onSceneAt: null,
      closedAt: null,
      coarsened: false,
      lockAccountId: null,
      lockExpiresAt: null,
      version: 1,
      now,
    });
    await repo.moveReports(
      trx,
      moving.map((r) => r.id),
      newIncidentId,
    );
    await repo.recountIncident(trx, newIncidentId);
    await repo.recountIncident(trx, incidentId);
    await repo.insertIncidentEvent(trx, {
      id: newId(),
      incidentId,
      networkId: inNet.network.id,
      kind: 'split',
      actorId: inNet.actor.accountId,
      detail: { to: newIncidentId, reports: moving.length },
      now,
    });
    await repo.insertIncidentEvent(trx, {
      id: newId(),
      incidentId: newIncidentId,
      networkId: inNet.network.id,
      kind: 'split_from',
      actorId: inNet.actor.accountId,
      detail: { from: incidentId },
      now,
    });
    await audit({
      networkId: inNet.network.id,
      actorId: inNet.actor.accountId,
      action: 'incident.split',
      targetType: 'incident',
      targetId: incidentId,
      detail: { newIncidentId, reports: moving.length },
    });
  });
  const created = await repo.findIncident(ctx.deps.database.db, ctx.deps.keyring, inNet.network.id, newIncidentId);
  await publishIncident(ctx, created!);
  return getIncident(ctx, slug, newIncidentId);
}
