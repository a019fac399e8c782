import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { EditSeriesRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { hasValidCertification, listCourses } from '../training/index.ts';
import { localToday, occurrenceAt, parseRule, ruleDates } from './recurrence.ts';
import { queueNotices } from './shift-notices.ts';
import { assertSeesSite } from './shifts-access.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as signupsRepo from './signups.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { materialize, seriesDto } from './shifts.service.ts';

/** How far ahead to look for the first date of the series on or after the edit's date. */
const LOOKAHEAD_DAYS = 400;
/** A COUNT rule's remaining dates are counted over at most this span. */
const COUNT_SPAN_DAYS = 366 * 20;

type Net = { id: string; slug: string; timeZone: string };
type Told = 'changed' | 'off' | 'on';
type Input = z.output<typeof EditSeriesRequest>;
/** Each person's changes by person and kind: how many dates, and the first of them. */
type Tally = Map<string, { accountId: string; kind: Told; count: number; first: string }>;
/** An edit under way: the old series, the request, and the continuing series' slots (old slot id → new slot). */
interface Edit {
  network: Net;
  /** To read the names of the people on the moved dates. */
  keyring: Keyring;
  old: seriesRepo.SeriesRow;
  input: Input;
  now: Date;
  newSeriesId: string;
  newSlots: seriesRepo.SlotRow[];
  slotMap: Map<string, seriesRepo.SlotRow>;
}

/**
 * Change a shift from a date on: new title, times and slots. The series ends before the
 * first changed date and continues as a new series, so earlier dates keep the times and
 * people-needed they were held with. The changed dates keep their ids (sign-ups,
 * check-ins and calendar entries stay attached); on each of them:
 * - people on a removed slot are taken off it;
 * - fewer people needed: the last to join go back to the head of the waitlist;
 * - more people needed: the waitlist moves up (certified people only);
 * - everyone else still on is told of the new times, if they changed.
 * Each person hears once per kind of change, with how many of their dates it touches.
 */
export async function editSeries(ctx: RequestContext, slug: string, seriesId: string, input: Input) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const old = await seriesRepo.findSeries(db, network.id, seriesId);
  if (!old) throw notFound();
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, old.siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  // Already continued by an earlier edit: that newer series is the one to change.
  if (old.endsBefore !== null) throw conflict();
  const now = ctx.deps.clock.now();
  if (input.fromDate < localToday(network.timeZone, now)) throw badRequest('validation_failed', { fields: ['fromDate'] });
  const from = input.fromDate < old.startDate ? old.startDate : input.fromDate;
  const startDate = ruleDates(old, network.timeZone, from, LOOKAHEAD_DAYS)[0];
  if (!startDate) throw badRequest('validation_failed', { fields: ['fromDate'] });
  const oldSlots = await seriesRepo.slotsOfSeries(db, [old.id]);
  const kept = keptSlots(input.slots, oldSlots, new Set((await listCourses(db, network.id)).map((c) => c.id)));

  const rrule = continuedRule(old, network.timeZone, startDate);
  const newSeriesId = newId();
  const result = await inTransaction(ctx, async (trx, audit) => {
    const moving = await repo.occurrencesFrom(trx, old.id, startDate);
    for (const o of moving) await repo.lockOccurrence(trx, ctx.deps.database.dialect, o.id);
    // A date already under way stays as it is; the coordinator picks the next day instead.
    if (moving.some((o) => new Date(o.startsAt) <= now)) throw conflict('too_late');
    const edit = await continueSeries(trx, {
      network,
      keyring: ctx.deps.keyring,
      old,
      input,
      now,
      startDate,
      rrule,
      newSeriesId,
      actorId: actor.accountId,
    });
    const told = await moveDates(trx, edit, moving);
    await materialize(
      trx,
      {
        startDate,
        startTime: input.startTime,
        endTime: input.endTime,
        rrule,
        exceptions: old.exceptions.filter((d) => d >= startDate),
        id: newSeriesId,
        networkId: network.id,
        siteId: old.siteId,
      },
      network.timeZone,
      new Date(now.getTime() - 86_400_000),
      new Date(old.materializedUntil),
    );
    const counts = await tellEveryone(trx, ctx.deps, network, told, { newSeriesId, title: input.title, site: site.name });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.edit',
      targetType: 'shift_series',
      targetId: old.id,
      detail: {
        continuedAs: newSeriesId,
        fromDate: startDate,
        dates: moving.length,
        removedSlots: oldSlots.filter((s) => !kept.has(s.id)).length,
        told: counts,
      },
    });
    return { dates: moving.length, told: counts };
  });
  return { series: await seriesDto(ctx, network.id, newSeriesId, network.timeZone), ...result };
}

/** Slots: an id keeps that slot (its people), with the same certification. Returns the kept ids; 400 otherwise. */
function keptSlots(slots: Input['slots'], oldSlots: seriesRepo.SlotRow[], courses: Set<string>): Set<string> {
  const kept = new Set<string>();
  for (const s of slots) {
    if (s.courseId && !courses.has(s.courseId)) throw badRequest('validation_failed', { fields: ['slots'] });
    if (!s.id) continue;
    const was = oldSlots.find((o) => o.id === s.id);
    if (!was || kept.has(s.id) || was.courseId !== (s.courseId ?? null))
      throw badRequest('validation_failed', { fields: ['slots'] });
    kept.add(s.id);
  }
  return kept;
}

/** Write the continuing series and its slots and end the old one before the edit's first date. */
async function continueSeries(
  trx: Transaction<DB>,
  c: Omit<Edit, 'newSlots' | 'slotMap'> & { startDate: string; rrule: string | null; actorId: string },
): Promise<Edit> {
  const { old, startDate } = c;
  await seriesRepo.insertSeries(trx, {
    id: c.newSeriesId,
    networkId: c.network.id,
    siteId: old.siteId,
    title: c.input.title,
    startDate,
    startTime: c.input.startTime,
    endTime: c.input.endTime,
    rrule: c.rrule,
    exceptions: old.exceptions.filter((d) => d >= startDate),
    cancelCutoffHours: old.cancelCutoffHours,
    noShowGraceMinutes: old.noShowGraceMinutes,
    reminderMinutes: old.reminderMinutes,
    materializedUntil: old.materializedUntil,
    createdBy: c.actorId,
    createdAt: c.now.toISOString(),
    endsBefore: null,
    continuesSeriesId: old.id,
  });
  const newSlots: seriesRepo.SlotRow[] = c.input.slots.map((s, position) => ({
    id: newId(),
    seriesId: c.newSeriesId,
    position,
    label: s.label || null,
    peopleNeeded: s.peopleNeeded,
    courseId: s.courseId ?? null,
  }));
  await seriesRepo.insertSlots(trx, c.network.id, newSlots);
  const slotMap = new Map<string, seriesRepo.SlotRow>();
  c.input.slots.forEach((s, i) => s.id && slotMap.set(s.id, newSlots[i]));
  await seriesRepo.endSeries(
    trx,
    old.id,
    startDate,
    old.exceptions.filter((d) => d < startDate),
  );
  return {
    network: c.network,
    keyring: c.keyring,
    old,
    input: c.input,
    now: c.now,
    newSeriesId: c.newSeriesId,
    newSlots,
    slotMap,
  };
}

/**
 * Move the edit's dates to the continuing series at their new times and settle the people
 * on them. Returns each person's changes, to tell them once per kind: dates touched and the first of them.
 */
async function moveDates(trx: Transaction<DB>, e: Edit, moving: { id: string; localDate: string; cancelled: boolean }[]) {
  const told: Tally = new Map();
  const tally = (accountId: string, kind: Told, startsAt: string) => {
    const k = `${accountId}:${kind}`;
    const t = told.get(k);
    if (!t) told.set(k, { accountId, kind, count: 1, first: startsAt });
    else {
      t.count += 1;
      if (startsAt < t.first) t.first = startsAt;
    }
  };
  const signups = await signupsRepo.signupsOf(
    trx,
    e.keyring,
    moving.map((o) => o.id),
  );
  const zone = e.network.timeZone;
  for (const o of moving) {
    const at = occurrenceAt(o.localDate, e.input.startTime, e.input.endTime, zone);
    const before = occurrenceAt(o.localDate, e.old.startTime, e.old.endTime, zone);
    const retimed = at.startsAt.getTime() !== before.startsAt.getTime() || at.endsAt.getTime() !== before.endsAt.getTime();
    const startsAt = at.startsAt.toISOString();
    // A skipped date is news only when it is put back, and then everyone on it is told.
    const note = (accountId: string, kind: Told) => o.cancelled || tally(accountId, kind, startsAt);
    await repo.moveOccurrence(trx, o.id, e.newSeriesId, startsAt, at.endsAt.toISOString(), e.now.toISOString());
    const here = signups.filter((s) => s.occurrenceId === o.id);
    const settled = await settleSlots(trx, e, here, at.startsAt, note);
    if (retimed)
      for (const s of here)
        if ((s.status === 'confirmed' || s.status === 'waitlisted') && !settled.has(s.id)) note(s.accountId, 'changed');
  }
  return told;
}

/**
 * Settle the people of one moved date on the edit's slots: off a removed slot; past the
 * people needed, the last to join back to the waitlist; room left, the waitlist moves up.
 * Returns the sign-ups settled (already told), so they are not also told of new times.
 */
async function settleSlots(
  trx: Transaction<DB>,
  e: Edit,
  here: signupsRepo.SignupRow[],
  startsAt: Date,
  note: (accountId: string, kind: Told) => unknown,
): Promise<Set<string>> {
  const stamp = e.now.toISOString();
  const settled = new Set<string>();
  for (const s of here) {
    const slot = e.slotMap.get(s.slotId);
    // Rows of a removed slot stay pointing at it (it remains, on the old series, for the record).
    if (!slot) {
      if (s.status === 'confirmed' || s.status === 'waitlisted') {
        await signupsRepo.updateSignup(trx, s.id, { status: 'cancelled', swap_offered: 0, updated_at: stamp });
        note(s.accountId, 'off');
        settled.add(s.id);
      }
      continue;
    }
    await signupsRepo.updateSignup(trx, s.id, { slot_id: slot.id });
  }
  for (const slot of e.newSlots) {
    const on = here.filter((s) => e.slotMap.get(s.slotId)?.id === slot.id);
    const confirmed = on.filter((s) => s.status === 'confirmed');
    // Last to join leave first; they keep their queue time, so they head the waitlist.
    for (const s of confirmed.slice(slot.peopleNeeded)) {
      await signupsRepo.updateSignup(trx, s.id, { status: 'waitlisted', swap_offered: 0, updated_at: stamp });
      note(s.accountId, 'off');
      settled.add(s.id);
    }
    let room = slot.peopleNeeded - confirmed.length;
    for (const s of on.filter((x) => x.status === 'waitlisted')) {
      if (room <= 0) break;
      if (slot.courseId && !(await certifiedFor(trx, e.network.id, s.accountId, slot.courseId, e.now, startsAt))) continue;
      await signupsRepo.updateSignup(trx, s.id, { status: 'confirmed', updated_at: stamp });
      note(s.accountId, 'on');
      settled.add(s.id);
      room -= 1;
    }
  }
  return settled;
}

/** Tell each person once per kind of change; returns how many people heard of each kind. */
async function tellEveryone(
  trx: Transaction<DB>,
  deps: Deps,
  network: Net,
  told: Tally,
  what: { newSeriesId: string; title: string; site: string },
) {
  const counts = { changed: 0, off: 0, on: 0 };
  for (const t of told.values()) counts[t.kind] += 1;
  await queueNotices(
    trx,
    deps,
    network.id,
    [...told.values()].map((t) => ({
      accountId: t.accountId,
      dedupe: `${t.kind}:${what.newSeriesId}:${t.accountId}`,
      payload: {
        kind: t.kind,
        title: what.title,
        site: what.site,
        startsAt: t.first,
        count: t.count,
        timeZone: network.timeZone,
        path: `/n/${encodeURIComponent(network.slug)}/shifts/mine`,
      },
    })),
  );
  return counts;
}

/** The rule of the continuation: the same, with a COUNT cut down to the dates left. */
function continuedRule(old: seriesRepo.SeriesRow, zone: string, startDate: string): string | null {
  if (!old.rrule) return null;
  if (!parseRule(old.rrule).count) return old.rrule;
  const left = ruleDates(old, zone, startDate, COUNT_SPAN_DAYS).length;
  return old.rrule.replace(/COUNT=\d+/i, `COUNT=${Math.max(1, left)}`);
}

/** Certified for a course now and still at the shift's start. */
async function certifiedFor(
  trx: Transaction<DB>,
  networkId: string,
  accountId: string,
  courseId: string,
  now: Date,
  startsAt: Date,
): Promise<boolean> {
  return (
    (await hasValidCertification(trx, networkId, accountId, courseId, now)) &&
    (await hasValidCertification(trx, networkId, accountId, courseId, startsAt))
  );
}
