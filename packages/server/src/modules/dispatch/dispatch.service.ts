import type { DispatchOutboxPayload, DispatchRequest, UpdateDispatchRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { noticeRecipientsOf } from '../identity/index.ts';
import { allNetworks, enterNetwork, inTransaction } from '../networks/index.ts';
import { insertOutboxRows } from '../notify/index.ts';
import {
  addTimelineEvent,
  findIncident,
  recordMilestone,
  responseTimesOf,
  toIncidentDto,
  type IncidentRow,
} from '../reports/index.ts';
import * as repo from './dispatch.repository.ts';
import { DISPATCH_POLICY as P } from './dispatch.policy.ts';
import { MAX_RING, type ResponderIndex } from './responder-index.ts';
import { responderIndex } from './responder-indexes.ts';
import { listDispatchesOfIncident } from './responder-profiles.ts';

/** What a responder may change their own dispatch to, from each status. */
const RESPONDER_TRANSITIONS: Record<string, readonly string[]> = {
  notified: ['accepted', 'declined'],
  accepted: ['en_route', 'on_scene', 'declined'],
  en_route: ['on_scene'],
  on_scene: [],
};

/**
 * Dispatch the nearest available responders holding the needed qualification (and
 * language), starting `fromRing` rings out. Each gets an outbox notification in the
 * same transaction, so none is lost to a crash.
 */
async function dispatchNearest(
  deps: Deps,
  trx: Transaction<DB>,
  index: ResponderIndex,
  incident: IncidentRow,
  want: { count: number; qualification?: string; language?: string; fromRing?: number },
  actorId: string | null,
) {
  // Say what is missing and where to fix it: the console points at the incident's location.
  if (incident.lat == null || incident.lng == null)
    throw badRequest('location_missing', { fields: [{ path: '/location', message: 'the incident has no place yet' }] });
  const exclude = await repo.dispatchedAccounts(trx, incident.id);
  // A certification counts only while valid at this instant: expiry needs no job.
  const candidates = index.nearest(
    { lat: incident.lat, lng: incident.lng },
    { ...want, exclude, at: deps.clock.now().getTime() },
  );
  const now = deps.clock.now().toISOString();
  const created: string[] = [];
  for (const c of candidates) {
    const id = newId();
    await repo.insertDispatch(trx, {
      id,
      incidentId: incident.id,
      networkId: incident.networkId,
      accountId: c.accountId,
      qualification: want.qualification ?? null,
      ring: c.ring,
      now,
    });
    await queueDispatchNotice(trx, deps, { dispatchId: id, accountId: c.accountId, incident, now });
    created.push(id);
  }
  await addTimelineEvent(trx, {
    id: newId(),
    incidentId: incident.id,
    networkId: incident.networkId,
    kind: 'dispatched',
    actorId,
    detail: {
      count: created.length,
      qualification: want.qualification ?? null,
      ring: candidates.at(-1)?.ring ?? want.fromRing ?? 0,
    },
    now,
  });
  return created;
}

/** Put a "you are dispatched" notice in the outbox on each channel the responder enabled. */
async function queueDispatchNotice(
  trx: Transaction<DB>,
  deps: Deps,
  d: { dispatchId: string; accountId: string; incident: IncidentRow; now: string },
) {
  const to = await noticeRecipientsOf(deps, trx, d.accountId);
  if (!to) return;
  const payload: z.infer<typeof DispatchOutboxPayload> = {
    type: 'dispatch',
    dispatchId: d.dispatchId,
    incidentId: d.incident.id,
    category: d.incident.category,
    language: to.language,
  };
  const recipients = to.recipients;
  await insertOutboxRows(
    trx,
    deps.keyring,
    recipients.map((r) => ({
      id: newId(),
      networkId: d.incident.networkId,
      ...r,
      payload,
      dedupeKey: `dispatch:${d.dispatchId}:${r.channel}`,
      now: d.now,
    })),
  );
}

/** A dispatcher dispatches responders to an incident. */
export async function createDispatches(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof DispatchRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['dispatch.create']);
  // Load the index before the transaction: on SQLite the transaction holds the only connection.
  const index = await responderIndex(ctx.deps, network.id);
  const ids = await inTransaction(ctx, async (trx, audit) => {
    const incident = await findIncident(trx, ctx.deps.keyring, network.id, incidentId);
    if (!incident) throw notFound();
    if (['false_alarm', 'resolved'].includes(incident.status)) throw conflict();
    const created = await dispatchNearest(ctx.deps, trx, index, incident, input, actor.accountId);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'dispatch.create',
      targetType: 'incident',
      targetId: incidentId,
      detail: { count: created.length, qualification: input.qualification ?? null },
    });
    return created;
  });
  await publishDispatches(ctx.deps, network.id, incidentId);
  return {
    dispatches: (await listDispatchesOfIncident(ctx.deps.database.db, ctx.deps.keyring, incidentId)).filter((d) =>
      ids.includes(d.id),
    ),
  };
}

/** A responder answers or reports progress on their own dispatch. */
export async function updateMyDispatch(
  ctx: RequestContext,
  slug: string,
  dispatchId: string,
  input: z.infer<typeof UpdateDispatchRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  const db = ctx.deps.database.db;
  const dispatch = await repo.findDispatch(db, network.id, dispatchId);
  // Someone else's dispatch is invisible, not forbidden: it does not exist for this person.
  if (!dispatch || dispatch.accountId !== actor.accountId) throw notFound();
  if (!RESPONDER_TRANSITIONS[dispatch.status]?.includes(input.status))
    throw conflict('conflict', { from: dispatch.status, to: input.status });
  await changeDispatch(ctx, network.id, dispatch, input.status, actor.accountId);
  return (await listDispatchesOfIncident(db, ctx.deps.keyring, dispatch.incidentId)).find((d) => d.id === dispatchId)!;
}

/** A dispatcher stands a responder down. */
export async function standDown(ctx: RequestContext, slug: string, dispatchId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['dispatch.stand_down']);
  const dispatch = await repo.findDispatch(ctx.deps.database.db, network.id, dispatchId);
  if (!dispatch) throw notFound();
  if (['declined', 'timed_out', 'stood_down'].includes(dispatch.status)) throw conflict();
  await changeDispatch(ctx, network.id, dispatch, 'stood_down', actor.accountId);
  return (await listDispatchesOfIncident(ctx.deps.database.db, ctx.deps.keyring, dispatch.incidentId)).find(
    (d) => d.id === dispatchId,
  )!;
}

async function changeDispatch(
  ctx: RequestContext,
  networkId: string,
  dispatch: NonNullable<Awaited<ReturnType<typeof repo.findDispatch>>>,
  status: string,
  actorId: string,
) {
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    const set: Parameters<typeof repo.updateDispatch>[2] = { status, updated_at: now };
    if (dispatch.status === 'notified') set.responded_at = now;
    if (status === 'on_scene') set.on_scene_at = now;
    await repo.updateDispatch(trx, dispatch.id, set);
    if (status === 'accepted') await recordMilestone(trx, dispatch.incidentId, 'first_accept_at', now);
    if (status === 'on_scene') await recordMilestone(trx, dispatch.incidentId, 'on_scene_at', now);
    await addTimelineEvent(trx, {
      id: newId(),
      incidentId: dispatch.incidentId,
      networkId,
      kind: `dispatch_${status}`,
      actorId,
      detail: { dispatchId: dispatch.id },
      now,
    });
    await audit({
      networkId,
      actorId,
      action: 'dispatch.status',
      targetType: 'dispatch',
      targetId: dispatch.id,
      detail: { from: dispatch.status, to: status },
    });
  });
  await publishDispatches(ctx.deps, networkId, dispatch.incidentId);
}

/** Tell dispatcher streams (and the responder's own) about an incident's dispatches. */
async function publishDispatches(deps: Deps, networkId: string, incidentId: string) {
  const db = deps.database.db;
  for (const d of await listDispatchesOfIncident(db, deps.keyring, incidentId)) {
    await deps.events.publish({ type: 'dispatch.updated', networkId, data: { dispatch: d } }).catch(() => undefined);
  }
  const incident = await findIncident(db, deps.keyring, networkId, incidentId);
  if (incident)
    await deps.events
      .publish({ type: 'incident.updated', networkId, data: { incident: toIncidentDto(incident, null) } })
      .catch(() => undefined);
}

/**
 * Time out unanswered dispatches and widen the search: for each incident with a timeout,
 * the next responders are sought from the ring after the widest one tried. Run on a schedule.
 */
export async function expireDispatches(deps: Deps): Promise<number> {
  // Sealed: an incident's point cannot be opened to widen the search; overdue ones wait for the key.
  if (deps.keyring.sealed) return 0;
  const db = deps.database.db;
  const now = deps.clock.now();
  let expired = 0;
  for (const n of await allNetworks(db)) {
    const timeout = n.settings.rapidResponse?.dispatchTimeoutSeconds ?? 180;
    const overdue = (await repo.listOverdueDispatches(db, new Date(now.getTime() - timeout * 1000).toISOString())).filter(
      (d) => d.networkId === n.id,
    );
    if (overdue.length === 0) continue;
    const widen = new Map<string, { qualification: string | null; ring: number }>();
    const index = await responderIndex(deps, n.id);
    await db.transaction().execute(async (trx) => {
      for (const d of overdue) {
        await repo.updateDispatch(trx, d.id, { status: 'timed_out', updated_at: now.toISOString() });
        await addTimelineEvent(trx, {
          id: newId(),
          incidentId: d.incidentId,
          networkId: n.id,
          kind: 'dispatch_timed_out',
          actorId: null,
          detail: { dispatchId: d.id },
          now: now.toISOString(),
        });
        const prev = widen.get(d.incidentId);
        widen.set(d.incidentId, { qualification: d.qualification, ring: Math.max(prev?.ring ?? 0, d.ring) });
      }
      for (const [incidentId, w] of widen) {
        const incident = await findIncident(trx, deps.keyring, n.id, incidentId);
        if (!incident || ['false_alarm', 'resolved'].includes(incident.status) || w.ring >= MAX_RING) continue;
        const count = overdue.filter((d) => d.incidentId === incidentId).length;
        await dispatchNearest(
          deps,
          trx,
          index,
          incident,
          { count, qualification: w.qualification ?? undefined, fromRing: w.ring + 1 },
          null,
        );
      }
    });
    for (const incidentId of widen.keys()) await publishDispatches(deps, n.id, incidentId);
    expired += overdue.length;
  }
  return expired;
}

/** Response times: report → first accept → on scene → verified, per incident, with medians. */
export async function responseDashboard(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['dispatch.dashboard']);
  const rows = await responseTimesOf(ctx.deps.database.db, network.id);
  const secs = (from: string | Date, to: string | Date | null) =>
    to ? Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000) : null;
  const incidents = rows.map((r) => ({
    incidentId: r.id,
    firstReportedAt: new Date(r.firstReportedAt).toISOString(),
    toFirstAccept: secs(r.firstReportedAt, r.firstAcceptAt),
    toOnScene: secs(r.firstReportedAt, r.onSceneAt),
    toVerified: secs(r.firstReportedAt, r.verifiedAt),
  }));
  const median = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
    return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
  };
  return {
    incidents,
    medians: {
      toFirstAccept: median(incidents.map((i) => i.toFirstAccept)),
      toOnScene: median(incidents.map((i) => i.toOnScene)),
      toVerified: median(incidents.map((i) => i.toVerified)),
    },
  };
}
