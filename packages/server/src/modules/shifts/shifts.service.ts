import type { CreateShiftRequest, ExceptionRequest, OpenShiftsQuery } from '@switchboard/shared';
import { cellToLatLng } from 'h3-js';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findAccountById } from '../identity/index.ts';
import { auditRead, enterNetwork, findNetworksByIds, inTransaction } from '../networks/index.ts';
import { listCourses } from '../training/index.ts';
import { assertValidTiming, expandOccurrences, localToday, ruleDates, type SeriesTiming } from './recurrence.ts';
import { queueNotices } from './shift-notices.ts';
import { assertSeesSite, siteScope } from './shifts-access.ts';
import { occurrenceDtos } from './occurrence-dtos.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as signupsRepo from './signups.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';

/** How far ahead occurrences are materialized (a job keeps the horizon moving). */
export const HORIZON_DAYS = 84;
/** "Near me": within this distance of the centre of the volunteer's coarse home area. */
export const NEAR_KM = 15;
/** How far back a new series is materialized (for records of shifts already held). */
const PAST_DAYS = 60;
const DAY = 86_400_000;

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Centre of a coarse home area cell, or null. */
export function homeCentre(homeArea: string | null): { lat: number; lng: number } | null {
  if (!homeArea) return null;
  try {
    const [lat, lng] = cellToLatLng(homeArea);
    return { lat, lng };
  } catch {
    return null;
  }
}

/** Insert the occurrences of a series in [from, to) that are not there yet. */
export async function materialize(
  trx: Transaction<DB>,
  series: SeriesTiming & { id: string; networkId: string; siteId: string },
  zone: string,
  from: Date,
  to: Date,
): Promise<number> {
  const occ = expandOccurrences(series, zone, from, to);
  await repo.insertOccurrences(
    trx,
    series,
    occ.map((o) => ({ id: newId(), localDate: o.localDate, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
  );
  await seriesRepo.setMaterializedUntil(trx, series.id, to.toISOString());
  return occ.length;
}

/** A series as the API shows it: timing, slots, how many dates, and the next ones still ahead. */
export async function seriesDto(ctx: RequestContext, networkId: string, seriesId: string, timeZone: string) {
  const db = ctx.deps.database.db;
  const s = (await seriesRepo.findSeries(db, networkId, seriesId))!;
  const slots = await seriesRepo.slotsOfSeries(db, [seriesId]);
  const count = await repo.countLiveOccurrences(db, seriesId);
  const upcoming = await repo.upcomingDates(db, seriesId, ctx.deps.clock.now().toISOString(), 20);
  return {
    id: s.id,
    siteId: s.siteId,
    title: s.title,
    startDate: s.startDate,
    startTime: s.startTime,
    endTime: s.endTime,
    rrule: s.rrule,
    exceptions: s.exceptions,
    timeZone,
    slots: slots.map((sl) => ({ id: sl.id, label: sl.label, peopleNeeded: sl.peopleNeeded, courseId: sl.courseId })),
    occurrences: count,
    endsBefore: s.endsBefore,
    continuesSeriesId: s.continuesSeriesId,
    upcoming,
  };
}

/** The shifts planned at a site, for its coordinators: open-ended series first, then by start. */
export async function listSeries(ctx: RequestContext, slug: string, siteId: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  const rows = await seriesRepo.seriesOfSite(db, network.id, site.id);
  rows.sort((a, b) => Number(a.endsBefore !== null) - Number(b.endsBefore !== null));
  const series = [];
  for (const r of rows) series.push(await seriesDto(ctx, network.id, r.id, network.timeZone));
  return { series };
}

/** A coordinator of the site's organization creates a one-off or recurring shift with its slots. */
export async function createShift(ctx: RequestContext, slug: string, siteId: string, input: z.output<typeof CreateShiftRequest>) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  const timing: SeriesTiming = {
    startDate: input.startDate,
    startTime: input.startTime,
    endTime: input.endTime,
    rrule: input.rrule?.trim() || null,
    exceptions: [...new Set(input.exceptions)],
  };
  assertValidTiming(timing, network.timeZone);
  const courses = new Set((await listCourses(db, network.id)).map((c) => c.id));
  if (input.slots.some((s) => s.courseId && !courses.has(s.courseId)))
    throw badRequest('validation_failed', { fields: ['slots'] });
  const now = ctx.deps.clock.now();
  const id = newId();
  await inTransaction(ctx, async (trx, audit) => {
    await seriesRepo.insertSeries(trx, {
      id,
      networkId: network.id,
      siteId: site.id,
      title: input.title,
      startDate: timing.startDate,
      startTime: timing.startTime,
      endTime: timing.endTime,
      rrule: timing.rrule,
      exceptions: timing.exceptions,
      cancelCutoffHours: input.cancelCutoffHours,
      noShowGraceMinutes: input.noShowGraceMinutes,
      reminderMinutes: [...new Set(input.reminderMinutes)].sort((a, b) => b - a),
      materializedUntil: now.toISOString(),
      createdBy: actor.accountId,
      createdAt: now.toISOString(),
      endsBefore: null,
      continuesSeriesId: null,
    });
    await seriesRepo.insertSlots(
      trx,
      network.id,
      input.slots.map((s, position) => ({
        id: newId(),
        seriesId: id,
        position,
        label: s.label || null,
        peopleNeeded: s.peopleNeeded,
        courseId: s.courseId ?? null,
      })),
    );
    // From the first day (or yesterday), so a shift created this morning for this evening
    // counts; a series started long ago is filled in for at most PAST_DAYS, never years.
    const from = new Date(
      Math.max(now.getTime() - PAST_DAYS * DAY, Math.min(now.getTime() - DAY, Date.parse(`${timing.startDate}T00:00:00Z`) - DAY)),
    );
    const n = await materialize(
      trx,
      { ...timing, id, networkId: network.id, siteId: site.id },
      network.timeZone,
      from,
      new Date(now.getTime() + HORIZON_DAYS * DAY),
    );
    if (n === 0) throw badRequest('invalid_recurrence', { occurrences: 0 });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.create',
      targetType: 'shift_series',
      targetId: id,
      detail: { siteId: site.id, recurring: timing.rrule !== null },
    });
  });
  return seriesDto(ctx, network.id, id, network.timeZone);
}

/**
 * Skip one date of a series (a school holiday) or put it back; the series stays. The people
 * on that date keep their sign-ups, held while the date is skipped (no listing, reminder,
 * coverage count or no-show check reads a skipped date), and are told both ways: so a
 * mistaken skip undone restores the roster instead of scattering it.
 */
export async function setException(
  ctx: RequestContext,
  slug: string,
  seriesId: string,
  input: z.output<typeof ExceptionRequest>,
) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const series = await seriesRepo.findSeries(db, network.id, seriesId);
  if (!series) throw notFound();
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, series.siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  // Only a date the series actually has (before any end an edit gave it).
  const onRule = ruleDates(series, network.timeZone, input.date, 1).includes(input.date);
  if (!onRule || (series.endsBefore !== null && input.date >= series.endsBefore))
    throw badRequest('validation_failed', { fields: ['date'] });
  const now = ctx.deps.clock.now();
  const occ = await repo.occurrenceOnDate(db, seriesId, input.date);
  // Past dates are a record of what happened: left as they were.
  if (input.date < localToday(network.timeZone, now) || (occ && new Date(occ.startsAt) <= now)) throw conflict('too_late');
  const exceptions = new Set(series.exceptions);
  if (input.remove) exceptions.delete(input.date);
  else exceptions.add(input.date);
  const changes = occ !== undefined && occ.cancelled !== !input.remove;
  await inTransaction(ctx, async (trx, audit) => {
    await seriesRepo.setSeriesExceptions(trx, seriesId, [...exceptions].sort());
    let told = 0;
    if (occ) {
      await repo.lockOccurrence(trx, ctx.deps.database.dialect, occ.id);
      await repo.setOccurrenceCancelled(trx, occ.id, !input.remove, now.toISOString());
      if (changes) told = await tellPeopleOn(trx, ctx.deps, network, occ.id, input.remove ? 'restored' : 'skipped');
    } else if (input.remove) {
      await materialize(
        trx,
        { ...series, exceptions: [...exceptions] },
        network.timeZone,
        new Date(now.getTime() - DAY),
        new Date(series.materializedUntil),
      );
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: input.remove ? 'shift.exception_remove' : 'shift.exception_add',
      targetType: 'shift_series',
      targetId: seriesId,
      detail: { date: input.date, told },
    });
  });
  return seriesDto(ctx, network.id, seriesId, network.timeZone);
}

/** Tell everyone on (or waiting for) an occurrence that it is skipped or back on. Returns how many people. */
async function tellPeopleOn(
  trx: Transaction<DB>,
  deps: Deps,
  network: { id: string; slug: string; timeZone: string },
  occurrenceId: string,
  kind: 'skipped' | 'restored',
): Promise<number> {
  const occ = (await repo.findOccurrence(trx, deps.keyring, network.id, occurrenceId))!;
  const people = (await signupsRepo.signupsOf(trx, deps.keyring, [occurrenceId])).filter(
    (p) => p.status === 'confirmed' || p.status === 'waitlisted',
  );
  const stamp = deps.clock.now().getTime();
  const payload = {
    kind,
    timeZone: network.timeZone,
    title: occ.title,
    site: occ.siteName,
    startsAt: occ.startsAt,
    path: `/n/${encodeURIComponent(network.slug)}/shifts/mine`,
  };
  await queueNotices(
    trx,
    deps,
    network.id,
    people.map((p) => ({ accountId: p.accountId, dedupe: `${kind}:${p.id}:${stamp}`, payload })),
  );
  return people.length;
}

/** Upcoming shifts a member can take: near their home area, at their organizations' sites, or all they can see. */
export async function openShifts(ctx: RequestContext, slug: string, query: z.output<typeof OpenShiftsQuery>) {
  const { network, access } = await enterNetwork(ctx, slug, P['shift.browse']);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock.now();
  const window = { after: now.toISOString(), before: new Date(now.getTime() + query.days * DAY).toISOString() };
  // More than are shown: "near" filters by distance in memory before the first 200 are kept.
  let rows = await repo.openOccurrences(db, ctx.deps.keyring, network.id, siteScope(access), window, query.where === 'mine', 500);
  if (query.where === 'near') {
    const me = await findAccountById(db, ctx.deps.keyring, access.accountId);
    const home = homeCentre(me?.homeArea ?? null);
    rows = home ? rows.filter((r) => distanceKm(home, r) <= NEAR_KM) : [];
  }
  const shifts = await occurrenceDtos(ctx.deps, network.id, network.timeZone, access, rows.slice(0, 200));
  await auditPeopleRead(ctx, network.id, shifts);
  return { shifts };
}

/** Who is on which shift is sensitive (a schedule of where people will be): a coordinator's read of names is audited. */
async function auditPeopleRead(ctx: RequestContext, networkId: string, shifts: { id: string; slots: { people: unknown[] }[] }[]) {
  const withPeople = shifts.filter((s) => s.slots.some((sl) => sl.people.length > 0));
  if (withPeople.length === 0) return;
  await auditRead(ctx, {
    networkId,
    actorId: ctx.actor!.accountId,
    action: 'shift.people_read',
    targetType: 'shift_occurrence',
    targetId: withPeople.length === 1 ? withPeople[0].id : null,
    detail: { occurrences: withPeople.length },
  });
}

/** The caller's own shifts (on or waiting), from a week back. */
export async function myShifts(ctx: RequestContext, slug: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['shift.self']);
  const db = ctx.deps.database.db;
  const since = new Date(ctx.deps.clock.now().getTime() - 7 * DAY).toISOString();
  const rows = await repo.occurrencesOfAccount(db, ctx.deps.keyring, network.id, access.accountId, since, 200);
  return { shifts: await occurrenceDtos(ctx.deps, network.id, network.timeZone, access, rows) };
}

/** One occurrence the caller can see. */
export async function getOccurrence(ctx: RequestContext, slug: string, occurrenceId: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['shift.browse']);
  const db = ctx.deps.database.db;
  const occ = await repo.findOccurrence(db, ctx.deps.keyring, network.id, occurrenceId);
  if (!occ) throw notFound();
  await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, occ.siteId));
  const [dto] = await occurrenceDtos(ctx.deps, network.id, network.timeZone, access, [occ]);
  await auditPeopleRead(ctx, network.id, [dto]);
  return dto;
}

/** Keep every series materialized HORIZON_DAYS ahead. Run on a schedule. */
export async function extendHorizon(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY);
  const due = await seriesRepo.seriesDueForHorizon(db, new Date(horizon.getTime() - 7 * DAY).toISOString());
  // Each series expands in its network's zone: the zones come from networks in one read.
  const networks = await findNetworksByIds(
    db,
    due.map((d) => d.networkId),
  );
  let added = 0;
  for (const series of due) {
    const zone = networks.get(series.networkId)?.timeZone;
    if (!zone) continue;
    await db.transaction().execute(async (trx) => {
      added += await materialize(trx, series, zone, new Date(series.materializedUntil), horizon);
    });
  }
  return added;
}
