import type { AvailabilityRequest, DispatchRequest, SetQualificationsRequest, UpdateDispatchRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { rolesHeld } from '../../platform/access/access.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction, NETWORKS_POLICY } from '../networks/index.ts';
import { addTimelineEvent, findIncident, recordMilestone, toIncidentDto, type IncidentRow } from '../reports/index.ts';
import * as repo from './dispatch.repository.ts';
import { DISPATCH_POLICY as P } from './dispatch.policy.ts';
import { responderIndex, type ResponderChange } from './responder-indexes.ts';
import { MAX_RING, toResponderCell, type ResponderIndex } from './responder-index.ts';

/** What a responder may change their own dispatch to, from each status. */
const RESPONDER_TRANSITIONS: Record<string, readonly string[]> = {
  notified: ['accepted', 'declined'],
  accepted: ['en_route', 'on_scene', 'declined'],
  en_route: ['on_scene'],
  on_scene: [],
};

/** A responder sets themself available (with a coarse cell) or not (the cell is dropped). */
export async function setAvailability(ctx: RequestContext, slug: string, input: z.infer<typeof AvailabilityRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  const cell = input.available ? (input.cell ? toResponderCell(input.cell) : undefined) : null;
  if (input.available && !cell) throw badRequest('validation_failed', { fields: ['cell'] });
  const now = ctx.deps.clock.now().toISOString();
  const db = ctx.deps.database.db;
  await repo.upsertResponder(db, network.id, actor.accountId, { available: input.available, cell: cell ?? null }, now);
  const me = (await repo.findResponder(db, network.id, actor.accountId, ctx.deps.clock.now()))!;
  await publishResponder(ctx.deps, network.id, me);
  return responderState(ctx, slug);
}

async function publishResponder(deps: Deps, networkId: string, r: repo.ResponderRow) {
  const change: ResponderChange = {
    accountId: r.accountId,
    available: r.available,
    cell: r.cell,
    qualifications: r.qualifications,
    languages: r.languages,
    certified: r.certified,
  };
  await deps.events.publish({ type: 'responder.updated', networkId, data: change as unknown as Record<string, unknown> });
}

/** A responder's own state: availability, qualifications and open dispatches. */
export async function responderState(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  const db = ctx.deps.database.db;
  const me = await repo.findResponder(db, network.id, actor.accountId, ctx.deps.clock.now());
  const incidentIds = await repo.listOpenDispatchesOf(db, network.id, actor.accountId);
  const dispatches = [];
  for (const incidentId of incidentIds) {
    const incident = await findIncident(db, network.id, incidentId);
    const mine = (await repo.listDispatchesOfIncident(db, incidentId)).find((d) => d.accountId === actor.accountId);
    if (incident && mine) {
      const dto = toIncidentDto(incident, null);
      dispatches.push({
        ...mine,
        incident: { id: dto.id, category: dto.category, locationText: dto.locationText, point: dto.point, status: dto.status },
      });
    }
  }
  // What dispatch counts now: set by hand, or through a certification valid at this moment.
  const qualifications = [...new Set([...(me?.qualifications ?? []), ...(me?.certified ?? []).map((c) => c.qualification)])];
  return { available: me?.available ?? false, cell: me?.cell ?? null, qualifications: qualifications as never[], dispatches };
}

/** A coordinator (of an organization the member belongs to) or admin sets a member's qualifications. */
export async function setQualifications(
  ctx: RequestContext,
  slug: string,
  accountId: string,
  input: z.infer<typeof SetQualificationsRequest>,
) {
  const { network, access, actor } = await enterNetwork(ctx, slug, NETWORKS_POLICY['network.read']);
  const db = ctx.deps.database.db;
  const theirOrgs = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('network_id', '=', network.id)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .execute();
  if (theirOrgs.length === 0) throw notFound();
  const allowed = access.isNetworkAdmin || theirOrgs.some((o) => rolesHeld(access, o.organization_id).has('org_coordinator'));
  if (!allowed) throw forbidden();
  const qualifications = [...new Set(input.qualifications)];
  await inTransaction(ctx, async (trx, audit) => {
    await repo.upsertResponder(trx, network.id, accountId, { qualifications }, ctx.deps.clock.now().toISOString());
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'responder.qualifications',
      targetType: 'account',
      targetId: accountId,
      detail: { qualifications },
    });
  });
  const row = (await repo.findResponder(db, network.id, accountId, ctx.deps.clock.now()))!;
  await publishResponder(ctx.deps, network.id, row);
  return { accountId, qualifications };
}

/**
 * What a coordinator (of this organization) or admin sees of its active members'
 * qualifications: set by hand apart from those held through a certification valid now.
 * People's training records are sensitive, so the read is audited.
 */
export async function listMemberQualifications(ctx: RequestContext, slug: string, orgId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.qualifications'], orgId);
  const db = ctx.deps.database.db;
  if (!(await repo.organizationInNetwork(db, network.id, orgId))) throw notFound();
  const rows = await repo.listMemberQualifications(db, network.id, orgId, ctx.deps.clock.now());
  await inTransaction(ctx, (_trx, audit) =>
    audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'responder.qualifications.read',
      targetType: 'organization',
      targetId: orgId,
      detail: { count: rows.length },
    }),
  );
  const members = rows.map((r) => ({
    accountId: r.accountId,
    manual: r.manual as never[],
    certified: latestPerQualification(r.certified) as { qualification: never; expiresAt: string | null }[],
  }));
  return { members };
}

/** One entry per qualification: the certification that lasts longest (no expiry beats any date). */
function latestPerQualification(list: { qualification: string; expiresAt: string | null }[]) {
  const best = new Map<string, string | null>();
  for (const c of list) {
    if (!best.has(c.qualification)) best.set(c.qualification, c.expiresAt);
    const held = best.get(c.qualification)!;
    if (held !== null && (c.expiresAt === null || c.expiresAt > held)) best.set(c.qualification, c.expiresAt);
  }
  return [...best]
    .map(([qualification, expiresAt]) => ({ qualification, expiresAt }))
    .sort((a, b) => a.qualification.localeCompare(b.qualification));
}

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
  if (incident.lat == null || incident.lng == null) throw badRequest('validation_failed', { incident: 'has no location yet' });
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
  const account = await trx
    .selectFrom('accounts')
    .select(['email', 'phone_enc', 'notification_channels', 'language'])
    .where('id', '=', d.accountId)
    .executeTakeFirst();
  if (!account) return;
  const channels = JSON.parse(account.notification_channels) as { email: boolean; sms: boolean };
  const payload = JSON.stringify({
    type: 'dispatch',
    dispatchId: d.dispatchId,
    incidentId: d.incident.id,
    category: d.incident.category,
    language: account.language,
  });
  const rows = [];
  if (channels.sms && account.phone_enc) rows.push({ channel: 'sms', recipient_enc: account.phone_enc });
  if (channels.email) rows.push({ channel: 'email', recipient_enc: deps.keyring.encrypt('contact', account.email) });
  for (const r of rows) {
    await trx
      .insertInto('outbox')
      .values({
        id: newId(),
        network_id: d.incident.networkId,
        ...r,
        payload,
        dedupe_key: `dispatch:${d.dispatchId}:${r.channel}`,
        status: 'pending',
        attempts: 0,
        next_attempt_at: d.now,
        claimed_until: null,
        last_error: null,
        created_at: d.now,
        sent_at: null,
      })
      .execute();
  }
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
    const incident = await findIncident(trx, network.id, incidentId);
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
    dispatches: (await repo.listDispatchesOfIncident(ctx.deps.database.db, incidentId)).filter((d) => ids.includes(d.id)),
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
  return (await repo.listDispatchesOfIncident(db, dispatch.incidentId)).find((d) => d.id === dispatchId)!;
}

/** A dispatcher stands a responder down. */
export async function standDown(ctx: RequestContext, slug: string, dispatchId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['dispatch.stand_down']);
  const dispatch = await repo.findDispatch(ctx.deps.database.db, network.id, dispatchId);
  if (!dispatch) throw notFound();
  if (['declined', 'timed_out', 'stood_down'].includes(dispatch.status)) throw conflict();
  await changeDispatch(ctx, network.id, dispatch, 'stood_down', actor.accountId);
  return (await repo.listDispatchesOfIncident(ctx.deps.database.db, dispatch.incidentId)).find((d) => d.id === dispatchId)!;
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

/**
 * Certifications of these accounts changed (issued, revoked, imported): refresh their
 * entries in every process's responder index, so dispatch sees the change at once.
 */
export async function refreshResponders(deps: Deps, networkId: string, accountIds: string[]): Promise<void> {
  const now = deps.clock.now();
  for (const accountId of new Set(accountIds)) {
    const row = await repo.findResponder(deps.database.db, networkId, accountId, now);
    if (row) await publishResponder(deps, networkId, row);
  }
}

/** Tell dispatcher streams (and the responder's own) about an incident's dispatches. */
async function publishDispatches(deps: Deps, networkId: string, incidentId: string) {
  const db = deps.database.db;
  for (const d of await repo.listDispatchesOfIncident(db, incidentId)) {
    await deps.events.publish({ type: 'dispatch.updated', networkId, data: { dispatch: d } }).catch(() => undefined);
  }
  const incident = await findIncident(db, networkId, incidentId);
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
  const db = deps.database.db;
  const now = deps.clock.now();
  const networks = await db.selectFrom('networks').select(['id', 'settings']).execute();
  let expired = 0;
  for (const n of networks) {
    const timeout =
      (JSON.parse(n.settings) as { rapidResponse?: { dispatchTimeoutSeconds?: number } }).rapidResponse?.dispatchTimeoutSeconds ??
      180;
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
        const incident = await findIncident(trx, n.id, incidentId);
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
  const rows = await ctx.deps.database.db
    .selectFrom('incidents')
    .select(['id', 'first_reported_at', 'first_accept_at', 'on_scene_at', 'verified_at'])
    .where('network_id', '=', network.id)
    .where((eb) => eb.or([eb('first_accept_at', 'is not', null), eb('verified_at', 'is not', null)]))
    .orderBy('first_reported_at', 'desc')
    .limit(100)
    .execute();
  const secs = (from: string | Date, to: string | Date | null) =>
    to ? Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000) : null;
  const incidents = rows.map((r) => ({
    incidentId: r.id,
    firstReportedAt: new Date(r.first_reported_at).toISOString(),
    toFirstAccept: secs(r.first_reported_at, r.first_accept_at),
    toOnScene: secs(r.first_reported_at, r.on_scene_at),
    toVerified: secs(r.first_reported_at, r.verified_at),
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

/** Authorize a responder's own live stream. */
export async function openResponderStream(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  return { networkId: network.id, accountId: actor.accountId };
}
