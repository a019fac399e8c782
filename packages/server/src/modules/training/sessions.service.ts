import type { CreateSessionRequest, RegisterRequest, TrainingSessionQuery, UpdateSessionRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import { accountsCertifiedFor, hasValidCertification } from './certification-validity.repository.ts';
import * as courses from './courses.repository.ts';
import { instantToLocal, localToInstant } from './local-time.ts';
import { activeMemberIds, searchActiveMembers } from './members.ts';
import { enqueueTrainingNotice } from './notices.ts';
import * as repo from './sessions.repository.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

type Network = { id: string; slug: string; timeZone: string };

/** A session as the API returns it, with its fill and the caller's place. */
export function toSessionDto(
  s: repo.SessionRow,
  zone: string,
  counts: { registered: number; waitlisted: number },
  mine: { status: repo.RegistrationRow['status'] | null; waitlistPosition: number | null },
) {
  return {
    id: s.id,
    course: { id: s.courseId, key: s.courseKey, name: s.courseName, issueOn: s.issueOn },
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    startsAtLocal: instantToLocal(s.startsAt, zone),
    endsAtLocal: instantToLocal(s.endsAt, zone),
    timeZone: zone,
    place: s.place,
    onlineUrl: s.onlineUrl,
    language: s.language as never,
    capacity: s.capacity,
    trainer: { id: s.trainerId, displayName: s.trainerName },
    status: s.status,
    registered: counts.registered,
    waitlisted: counts.waitlisted,
    attendanceSavedAt: s.attendanceSavedAt,
    mine,
  };
}

/** Sessions with counts and the caller's registration in each. */
async function withFill(deps: Deps, network: Network, accountId: string, rows: repo.SessionRow[]) {
  const db = deps.database.db;
  const ids = rows.map((r) => r.id);
  const counts = await repo.countRegistrations(db, ids);
  const mine = await repo.registrationsOf(db, deps.keyring, accountId, ids);
  const out = [];
  for (const s of rows) {
    const reg = mine.get(s.id);
    const position = reg?.status === 'waitlisted' ? await repo.waitlistPosition(db, s.id, reg) : null;
    out.push(toSessionDto(s, network.timeZone, counts.get(s.id)!, { status: reg?.status ?? null, waitlistPosition: position }));
  }
  return out;
}

/** Upcoming (or recent past) sessions, for any active member. */
export async function listSessions(ctx: RequestContext, slug: string, query: z.infer<typeof TrainingSessionQuery>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.list']);
  const now = ctx.deps.clock.now();
  const db = ctx.deps.database.db;
  const rows =
    query.when === 'upcoming'
      ? await repo.listSessions(db, ctx.deps.keyring, network.id, { endsAfter: now.toISOString(), courseId: query.courseId })
      : await repo.listSessions(db, ctx.deps.keyring, network.id, {
          endsBefore: now.toISOString(),
          endsAfter: new Date(now.getTime() - 366 * 86_400_000).toISOString(),
          courseId: query.courseId,
          descending: true,
        });
  return { sessions: await withFill(ctx.deps, network, actor.accountId, rows) };
}

/** One session, for any active member. */
export async function getSession(ctx: RequestContext, slug: string, sessionId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.list']);
  const s = await repo.findSession(ctx.deps.database.db, ctx.deps.keyring, network.id, sessionId);
  if (!s) throw notFound();
  return (await withFill(ctx.deps, network, actor.accountId, [s]))[0];
}

/** Check and convert a session's local times: a real local time each, ending after it starts, within a day. */
function sessionTimes(startsAtLocal: string, endsAtLocal: string, zone: string) {
  const startsAt = localToInstant(startsAtLocal, zone, 'startsAtLocal');
  const endsAt = localToInstant(endsAtLocal, zone, 'endsAtLocal');
  if (endsAt <= startsAt || endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000)
    throw badRequest('validation_failed', { fields: ['endsAtLocal'] });
  return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
}

/** A manager schedules a session of a course. */
export async function createSession(ctx: RequestContext, slug: string, input: z.infer<typeof CreateSessionRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.manage']);
  const db = ctx.deps.database.db;
  const course = await courses.findCourse(db, network.id, input.courseId);
  if (!course || course.archived) throw badRequest('validation_failed', { fields: ['courseId'] });
  const { startsAt, endsAt } = sessionTimes(input.startsAtLocal, input.endsAtLocal, network.timeZone);
  if (new Date(startsAt) <= ctx.deps.clock.now()) throw badRequest('validation_failed', { fields: ['startsAtLocal'] });
  const trainerId = input.trainerAccountId ?? actor.accountId;
  if (!(await activeMemberIds(db, network.id, [trainerId])).has(trainerId))
    throw badRequest('validation_failed', { fields: ['trainerAccountId'] });
  const id = newId();
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertSession(trx, ctx.deps.keyring, {
      id,
      networkId: network.id,
      courseId: course.id,
      startsAt,
      endsAt,
      place: input.place ?? null,
      onlineUrl: input.onlineUrl ?? null,
      language: input.language,
      capacity: input.capacity,
      trainerId,
      createdBy: actor.accountId,
      now: ctx.deps.clock.now().toISOString(),
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.session.create',
      targetType: 'training_session',
      targetId: id,
      detail: { courseId: course.id, startsAt, capacity: input.capacity },
    });
  });
  return getSession(ctx, slug, id);
}

/**
 * A manager changes or cancels a session. More places fill from the waitlist at once; a new
 * time or place is sent to everyone registered or waiting, in their language; fewer places
 * than people registered is refused (nobody loses a place they were given).
 */
export async function updateSession(
  ctx: RequestContext,
  slug: string,
  sessionId: string,
  input: z.infer<typeof UpdateSessionRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.manage']);
  const db = ctx.deps.database.db;
  const s = await repo.findSession(db, ctx.deps.keyring, network.id, sessionId);
  if (!s) throw notFound();
  if (s.status === 'cancelled') throw conflict();
  const set: Parameters<typeof repo.updateSession>[3] = {};
  if (input.startsAtLocal || input.endsAtLocal) {
    const t = sessionTimes(
      input.startsAtLocal ?? instantToLocal(s.startsAt, network.timeZone),
      input.endsAtLocal ?? instantToLocal(s.endsAt, network.timeZone),
      network.timeZone,
    );
    if (t.startsAt !== s.startsAt || t.endsAt !== s.endsAt) {
      // Moving a session into the past (or moving one that has begun) would strand its roster.
      const now = ctx.deps.clock.now();
      if (new Date(t.startsAt) <= now) throw badRequest('validation_failed', { fields: ['startsAtLocal'] });
      if (new Date(s.startsAt) <= now) throw conflict('too_late');
      set.starts_at = t.startsAt;
      set.ends_at = t.endsAt;
    }
  }
  if (input.place !== undefined && input.place !== s.place) set.place = input.place;
  if (input.onlineUrl !== undefined && input.onlineUrl !== s.onlineUrl) set.online_url = input.onlineUrl;
  const place = set.place !== undefined ? set.place : s.place;
  const onlineUrl = set.online_url !== undefined ? set.online_url : s.onlineUrl;
  if (place === null && onlineUrl === null) throw badRequest('validation_failed', { fields: ['place'] });
  if (input.language) set.language = input.language;
  if (input.capacity) set.capacity = input.capacity;
  if (input.status) set.status = input.status;
  if (input.trainerAccountId) {
    if (!(await activeMemberIds(db, network.id, [input.trainerAccountId])).has(input.trainerAccountId))
      throw badRequest('validation_failed', { fields: ['trainerAccountId'] });
    set.trainer_account_id = input.trainerAccountId;
  }
  const moved = set.starts_at !== undefined || set.place !== undefined || set.online_url !== undefined;
  await inTransaction(ctx, async (trx, audit) => {
    await repo.lockSession(trx, ctx.deps.database.dialect, sessionId);
    const now = ctx.deps.clock.now().toISOString();
    if (set.capacity !== undefined) {
      const { registered } = (await repo.countRegistrations(trx, [sessionId])).get(sessionId)!;
      if (set.capacity < registered) throw conflict('capacity_below_registered', { registered });
    }
    await repo.updateSession(trx, ctx.deps.keyring, sessionId, set, now);
    let told = 0;
    if (set.status === 'cancelled') await tellCancelled(trx, ctx.deps, network, s, now);
    else {
      if (moved) told = await tellChanged(trx, ctx.deps, network, sessionId, now);
      await fillFromWaitlist(trx, ctx.deps, network, sessionId, now);
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: input.status === 'cancelled' ? 'training.session.cancel' : 'training.session.update',
      targetType: 'training_session',
      targetId: sessionId,
      detail: { changed: Object.keys(input), ...(moved ? { told } : {}) },
    });
  });
  return getSession(ctx, slug, sessionId);
}

/** Tell everyone registered or waiting the session's new time and place. Returns how many people. */
async function tellChanged(trx: Transaction<DB>, deps: Deps, network: Network, sessionId: string, now: string): Promise<number> {
  const s = (await repo.findSession(trx, deps.keyring, network.id, sessionId))!;
  // One id per change: two edits within the same millisecond are still two notices.
  const change = newId();
  let told = 0;
  for (const reg of await repo.listRegistrations(trx, deps.keyring, sessionId)) {
    if (reg.status === 'cancelled') continue;
    await enqueueTrainingNotice(trx, deps, {
      networkId: network.id,
      accountId: reg.accountId,
      dedupeKey: `training-changed:${reg.id}:${change}`,
      payload: {
        kind: 'session_changed',
        course: s.courseName,
        at: s.startsAt,
        timeZone: network.timeZone,
        slug: network.slug,
        where: (s.place ?? s.onlineUrl)!,
      },
      now,
    });
    told++;
  }
  return told;
}

/**
 * Give free places to the people waiting longest, and tell each one. Runs in the
 * transaction that freed the place, with the session row locked.
 */
async function fillFromWaitlist(
  trx: Transaction<DB>,
  deps: Deps,
  network: Network,
  sessionId: string,
  now: string,
): Promise<void> {
  const s = (await repo.findSession(trx, deps.keyring, network.id, sessionId))!;
  if (s.status !== 'scheduled' || new Date(s.startsAt) <= new Date(now)) return;
  const { registered } = (await repo.countRegistrations(trx, [sessionId])).get(sessionId)!;
  for (const next of await repo.nextWaitlisted(trx, sessionId, s.capacity - registered)) {
    await repo.updateRegistration(trx, next.id, { status: 'registered' }, now);
    await enqueueTrainingNotice(trx, deps, {
      networkId: network.id,
      accountId: next.accountId,
      dedupeKey: `training-promoted:${next.id}:${now}`,
      payload: {
        kind: 'waitlist_promoted',
        course: s.courseName,
        at: s.startsAt,
        timeZone: network.timeZone,
        slug: network.slug,
      },
      now,
    });
  }
}

/** Tell everyone registered or waiting that the session is off. */
async function tellCancelled(trx: Transaction<DB>, deps: Deps, network: Network, s: repo.SessionRow, now: string): Promise<void> {
  for (const reg of await repo.listRegistrations(trx, deps.keyring, s.id)) {
    if (reg.status === 'cancelled') continue;
    await enqueueTrainingNotice(trx, deps, {
      networkId: network.id,
      accountId: reg.accountId,
      dedupeKey: `training-cancelled:${reg.id}`,
      payload: {
        kind: 'session_cancelled',
        course: s.courseName,
        at: s.startsAt,
        timeZone: network.timeZone,
        slug: network.slug,
      },
      now,
    });
  }
}

/** A member registers for a session, or joins its waitlist when it is full and they asked to. */
export async function register(ctx: RequestContext, slug: string, sessionId: string, input: z.infer<typeof RegisterRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.register']);
  const db = ctx.deps.database.db;
  const s = await repo.findSession(db, ctx.deps.keyring, network.id, sessionId);
  if (!s || s.status === 'cancelled') throw notFound();
  const course = (await courses.findCourse(db, network.id, s.courseId))!;
  const now = ctx.deps.clock.now();
  const missing = [];
  for (const prereq of course.prerequisites)
    if (!(await hasValidCertification(db, network.id, actor.accountId, prereq, now))) missing.push(prereq);
  if (missing.length) throw conflict('prerequisite_missing', { courseIds: missing });
  await inTransaction(ctx, async (trx) => {
    await repo.lockSession(trx, ctx.deps.database.dialect, sessionId);
    if (new Date(s.startsAt) <= now) throw conflict('too_late');
    const existing = await repo.findRegistration(trx, ctx.deps.keyring, sessionId, actor.accountId);
    if (existing && existing.status !== 'cancelled') throw conflict('already_signed_up', { status: existing.status });
    const { registered } = (await repo.countRegistrations(trx, [sessionId])).get(sessionId)!;
    const status = registered < s.capacity ? 'registered' : input.joinWaitlist ? 'waitlisted' : undefined;
    if (!status) throw conflict('full');
    await repo.upsertRegistration(trx, {
      id: newId(),
      networkId: network.id,
      sessionId,
      accountId: actor.accountId,
      status,
      walkIn: false,
      now: now.toISOString(),
    });
  });
  return myRegistration(ctx.deps, sessionId, actor.accountId);
}

/** A member cancels their place (or leaves the waitlist); the first person waiting gets the place. */
export async function cancel(ctx: RequestContext, slug: string, sessionId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['session.register']);
  const db = ctx.deps.database.db;
  const s = await repo.findSession(db, ctx.deps.keyring, network.id, sessionId);
  if (!s) throw notFound();
  const now = ctx.deps.clock.now();
  await inTransaction(ctx, async (trx) => {
    await repo.lockSession(trx, ctx.deps.database.dialect, sessionId);
    const reg = await repo.findRegistration(trx, ctx.deps.keyring, sessionId, actor.accountId);
    if (!reg || reg.status === 'cancelled') throw notFound();
    if (new Date(s.startsAt) <= now) throw conflict('too_late');
    await repo.updateRegistration(trx, reg.id, { status: 'cancelled' }, now.toISOString());
    if (reg.status === 'registered') await fillFromWaitlist(trx, ctx.deps, network, sessionId, now.toISOString());
  });
  return myRegistration(ctx.deps, sessionId, actor.accountId);
}

async function myRegistration(deps: Deps, sessionId: string, accountId: string) {
  const reg = await repo.findRegistration(deps.database.db, deps.keyring, sessionId, accountId);
  const waitlistPosition = reg?.status === 'waitlisted' ? await repo.waitlistPosition(deps.database.db, sessionId, reg) : null;
  return { status: reg?.status ?? null, waitlistPosition };
}

/** The session's roster for the trainer: names, places, attendance, and who is certified now. Audited. */
export async function roster(ctx: RequestContext, slug: string, sessionId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['attendance.manage']);
  const db = ctx.deps.database.db;
  const s = await repo.findSession(db, ctx.deps.keyring, network.id, sessionId);
  if (!s) throw notFound();
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'training.roster.read',
    targetType: 'training_session',
    targetId: sessionId,
  });
  return rosterOf(ctx.deps, network, actor.accountId, s);
}

/** Build a session's roster (no authorization: callers have done it). */
export async function rosterOf(deps: Deps, network: Network, viewerId: string, s: repo.SessionRow) {
  const db = deps.database.db;
  const regs = (await repo.listRegistrations(db, deps.keyring, s.id)).filter((r) => r.status !== 'cancelled');
  const certified = await accountsCertifiedFor(
    db,
    network.id,
    s.courseId,
    deps.clock.now(),
    regs.map((r) => r.accountId),
  );
  let position = 0;
  const people = regs.map((r) => ({
    accountId: r.accountId,
    displayName: r.displayName,
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? ++position : null,
    walkIn: r.walkIn,
    attended: r.attended,
    signedOff: r.signedOff,
    certified: certified.has(r.accountId),
  }));
  // Registered first (by name, as on a sign-in sheet), then the waitlist in order.
  people.sort((a, b) =>
    a.status === b.status
      ? a.status === 'registered'
        ? a.displayName.localeCompare(b.displayName)
        : 0
      : a.status === 'registered'
        ? -1
        : 1,
  );
  const [session] = await withFill(deps, network, viewerId, [s]);
  return { session, people };
}

/** Active members matching a name or email, for adding a walk-in. */
export async function searchPeople(ctx: RequestContext, slug: string, q: string) {
  const { network } = await enterNetwork(ctx, slug, P['attendance.manage']);
  // Two letters at least: a shorter search would list the whole network.
  if (q.length < 2) return { people: [] };
  return { people: await searchActiveMembers(ctx.deps.database.db, ctx.deps.keyring, network.id, q) };
}
