import type { AssignRequest } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { NetworkAccess } from '../../platform/access/access.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, hasActiveMembership, inTransaction } from '../networks/index.ts';
import { hasValidCertification } from '../training/index.ts';
import { assertSeesSite } from './shifts-access.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as signupsRepo from './signups.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { queueNotice, type NoticeKind } from './shift-notices.ts';

/** Check-in opens this long before the start. */
const CHECK_IN_EARLY_MS = 60 * 60_000;

const notCertified = () => new AppError('not_certified', 409);

/** Load an occurrence and slot the caller can see, still ahead, not cancelled. */
async function loadTarget(ctx: RequestContext, networkId: string, access: NetworkAccess, occurrenceId: string, slotId: string) {
  const db = ctx.deps.database.db;
  const occ = await repo.findOccurrence(db, ctx.deps.keyring, networkId, occurrenceId);
  if (!occ || occ.cancelled) throw notFound();
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, networkId, occ.siteId));
  const slot = (await seriesRepo.slotsOfSeries(db, [occ.seriesId])).find((s) => s.id === slotId);
  if (!slot) throw notFound();
  return { occ, site, slot };
}

/** Certified for the slot now and still at the shift's start (an expired certification gates at once). */
async function certified(
  db: repo.Db,
  networkId: string,
  accountId: string,
  slot: seriesRepo.SlotRow,
  occ: repo.OccurrenceRow,
  now: Date,
): Promise<boolean> {
  if (!slot.courseId) return true;
  return (
    (await hasValidCertification(db, networkId, accountId, slot.courseId, now)) &&
    (await hasValidCertification(db, networkId, accountId, slot.courseId, new Date(occ.startsAt)))
  );
}

async function signupDto(ctx: RequestContext, networkId: string, signupId: string) {
  const s = (await signupsRepo.findSignup(ctx.deps.database.db, ctx.deps.keyring, networkId, signupId))!;
  return {
    id: s.id,
    occurrenceId: s.occurrenceId,
    slotId: s.slotId,
    accountId: s.accountId,
    status: s.status,
    swapOffered: s.swapOffered,
    checkedInAt: s.checkedInAt,
    checkedOutAt: s.checkedOutAt,
  };
}

/** Notify one person about an occurrence (in the transaction). */
async function notify(
  trx: Transaction<DB>,
  deps: Deps,
  network: Net,
  accountId: string,
  occ: repo.OccurrenceRow,
  kind: NoticeKind,
  dedupe: string,
) {
  await queueNotice(trx, deps, network.id, accountId, dedupe, {
    kind,
    timeZone: network.timeZone,
    title: occ.title,
    site: occ.siteName,
    startsAt: occ.startsAt,
    path: `/n/${encodeURIComponent(network.slug)}/shifts/mine`,
  });
}

/** What notices need of the network. */
type Net = { id: string; slug: string; timeZone: string };

/**
 * A member signs up for a slot: confirmed while there is room, otherwise on the waitlist
 * (or `full` when they asked not to wait). Needs the slot's certification, valid now and
 * at the shift's start.
 */
export async function signUp(ctx: RequestContext, slug: string, occurrenceId: string, slotId: string, waitlist: boolean) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['shift.browse']);
  const { occ, slot } = await loadTarget(ctx, network.id, access, occurrenceId, slotId);
  const now = ctx.deps.clock.now();
  if (new Date(occ.startsAt) <= now) throw conflict('too_late');
  if (!(await certified(ctx.deps.database.db, network.id, actor.accountId, slot, occ, now))) throw notCertified();
  const id = await inTransaction(ctx, async (trx, audit) => {
    await repo.lockOccurrence(trx, ctx.deps.database.dialect, occ.id);
    const existing = (await signupsRepo.signupsOf(trx, ctx.deps.keyring, [occ.id])).find((s) => s.accountId === actor.accountId);
    if (existing && (existing.status === 'confirmed' || existing.status === 'waitlisted')) throw conflict('already_signed_up');
    const room = (await signupsRepo.confirmedCount(trx, occ.id, slot.id)) < slot.peopleNeeded;
    if (!room && !waitlist) throw conflict('full');
    const signupId = await signupsRepo.putSignup(trx, {
      id: newId(),
      networkId: network.id,
      occurrenceId: occ.id,
      slotId: slot.id,
      accountId: actor.accountId,
      status: room ? 'confirmed' : 'waitlisted',
      assignedBy: null,
      overridden: false,
      now: now.toISOString(),
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: room ? 'shift.signup' : 'shift.waitlist',
      targetType: 'shift_occurrence',
      targetId: occ.id,
      detail: { slotId: slot.id },
    });
    return signupId;
  });
  return signupDto(ctx, network.id, id);
}

/**
 * When a confirmed place frees up, the first waitlisted person still certified takes it
 * and is told. Inside the freeing transaction, so the place is never lost in between.
 */
async function promoteFromWaitlist(
  trx: Transaction<DB>,
  deps: Deps,
  network: Net,
  occ: repo.OccurrenceRow,
  slot: seriesRepo.SlotRow,
) {
  const now = deps.clock.now();
  if ((await signupsRepo.confirmedCount(trx, occ.id, slot.id)) >= slot.peopleNeeded) return;
  const waiting = (await signupsRepo.signupsOf(trx, deps.keyring, [occ.id])).filter(
    (s) => s.slotId === slot.id && s.status === 'waitlisted',
  );
  for (const w of waiting) {
    if (!(await certified(trx, network.id, w.accountId, slot, occ, now))) continue;
    await signupsRepo.updateSignup(trx, w.id, { status: 'confirmed', updated_at: now.toISOString() });
    await notify(trx, deps, network, w.accountId, occ, 'promoted', `promoted:${w.id}:${now.getTime()}`);
    return;
  }
}

/** Load the caller's own active sign-up (someone else's does not exist for them). */
async function ownSignup(ctx: RequestContext, networkId: string, accountId: string, signupId: string) {
  const db = ctx.deps.database.db;
  const s = await signupsRepo.findSignup(db, ctx.deps.keyring, networkId, signupId);
  if (!s || s.accountId !== accountId) throw notFound();
  const occ = (await repo.findOccurrence(db, ctx.deps.keyring, networkId, s.occurrenceId))!;
  const slot = (await seriesRepo.slotsOfSeries(db, [occ.seriesId])).find((x) => x.id === s.slotId)!;
  const series = (await seriesRepo.findSeries(db, networkId, occ.seriesId))!;
  return { s, occ, slot, series };
}

/** Cancel one's own sign-up, up to the series' cut-off before the start; the waitlist moves up. */
export async function cancel(ctx: RequestContext, slug: string, signupId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['shift.self']);
  const { s, occ, slot, series } = await ownSignup(ctx, network.id, actor.accountId, signupId);
  if (s.status !== 'confirmed' && s.status !== 'waitlisted') throw conflict();
  const now = ctx.deps.clock.now();
  // Leaving a waitlist is always fine; leaving a confirmed place is not, close to the start.
  if (s.status === 'confirmed' && now.getTime() > Date.parse(occ.startsAt) - series.cancelCutoffHours * 3_600_000)
    throw conflict('too_late', { cutoffHours: series.cancelCutoffHours });
  await inTransaction(ctx, async (trx, audit) => {
    await repo.lockOccurrence(trx, ctx.deps.database.dialect, occ.id);
    await signupsRepo.updateSignup(trx, s.id, { status: 'cancelled', swap_offered: 0, updated_at: now.toISOString() });
    if (s.status === 'confirmed') await promoteFromWaitlist(trx, ctx.deps, network, occ, slot);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.cancel',
      targetType: 'shift_occurrence',
      targetId: occ.id,
      detail: { slotId: slot.id, was: s.status },
    });
  });
  return signupDto(ctx, network.id, s.id);
}

/** Offer one's confirmed place for someone else to take (or withdraw the offer). Allowed until the start. */
export async function offerSwap(ctx: RequestContext, slug: string, signupId: string, offered: boolean) {
  const { network, actor } = await enterNetwork(ctx, slug, P['shift.self']);
  const { s, occ } = await ownSignup(ctx, network.id, actor.accountId, signupId);
  if (s.status !== 'confirmed') throw conflict();
  if (Date.parse(occ.startsAt) <= ctx.deps.clock.now().getTime()) throw conflict('too_late');
  await inTransaction(ctx, async (trx, audit) => {
    await signupsRepo.updateSignup(trx, s.id, { swap_offered: offered ? 1 : 0, updated_at: ctx.deps.clock.now().toISOString() });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: offered ? 'shift.swap_offer' : 'shift.swap_withdraw',
      targetType: 'shift_signup',
      targetId: s.id,
    });
  });
  return signupDto(ctx, network.id, s.id);
}

/** Another eligible member takes a place offered for swap: they are on, the first person is off and told. */
export async function takeSwap(ctx: RequestContext, slug: string, signupId: string) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['shift.browse']);
  const db = ctx.deps.database.db;
  const offer = await signupsRepo.findSignup(db, ctx.deps.keyring, network.id, signupId);
  if (!offer || offer.accountId === actor.accountId) throw notFound();
  const { occ, slot } = await loadTarget(ctx, network.id, access, offer.occurrenceId, offer.slotId);
  const now = ctx.deps.clock.now();
  if (new Date(occ.startsAt) <= now) throw conflict('too_late');
  if (!(await certified(db, network.id, actor.accountId, slot, occ, now))) throw notCertified();
  const id = await inTransaction(ctx, async (trx, audit) => {
    await repo.lockOccurrence(trx, ctx.deps.database.dialect, occ.id);
    const current = (await signupsRepo.signupsOf(trx, ctx.deps.keyring, [occ.id])).filter(
      (x) => x.id === offer.id || x.accountId === actor.accountId,
    );
    const fresh = current.find((x) => x.id === offer.id);
    if (!fresh || fresh.status !== 'confirmed' || !fresh.swapOffered) throw conflict();
    const mine = current.find((x) => x.accountId === actor.accountId);
    if (mine && (mine.status === 'confirmed' || mine.status === 'waitlisted')) throw conflict('already_signed_up');
    await signupsRepo.updateSignup(trx, offer.id, { status: 'swapped', swap_offered: 0, updated_at: now.toISOString() });
    const newId_ = await signupsRepo.putSignup(trx, {
      id: newId(),
      networkId: network.id,
      occurrenceId: occ.id,
      slotId: slot.id,
      accountId: actor.accountId,
      status: 'confirmed',
      assignedBy: null,
      overridden: false,
      now: now.toISOString(),
    });
    await notify(trx, ctx.deps, network, offer.accountId, occ, 'swap', `swap:${offer.id}:${now.getTime()}`);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.swap_take',
      targetType: 'shift_signup',
      targetId: offer.id,
      detail: { from: offer.accountId },
    });
    return newId_;
  });
  return signupDto(ctx, network.id, id);
}

/**
 * A coordinator puts a member on a slot directly. Without the certification this needs an
 * explicit override, which is audited as such.
 */
export async function assign(
  ctx: RequestContext,
  slug: string,
  occurrenceId: string,
  slotId: string,
  input: z.output<typeof AssignRequest>,
) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['shift.browse']);
  const { occ, site, slot } = await loadTarget(ctx, network.id, access, occurrenceId, slotId);
  authorize(access, P['shift.manage'], site.organizationId);
  const db = ctx.deps.database.db;
  if (!(await hasActiveMembership(db, network.id, input.accountId)))
    throw badRequest('validation_failed', { fields: ['accountId'] });
  const now = ctx.deps.clock.now();
  if (new Date(occ.endsAt) <= now) throw conflict('too_late');
  const isCertified = await certified(db, network.id, input.accountId, slot, occ, now);
  if (!isCertified && !input.overrideCertification) throw notCertified();
  const id = await inTransaction(ctx, async (trx, audit) => {
    await repo.lockOccurrence(trx, ctx.deps.database.dialect, occ.id);
    const existing = (await signupsRepo.signupsOf(trx, ctx.deps.keyring, [occ.id])).find((s) => s.accountId === input.accountId);
    if (existing?.status === 'confirmed') throw conflict('already_signed_up');
    if ((await signupsRepo.confirmedCount(trx, occ.id, slot.id)) >= slot.peopleNeeded) throw conflict('full');
    const signupId = await signupsRepo.putSignup(trx, {
      id: newId(),
      networkId: network.id,
      occurrenceId: occ.id,
      slotId: slot.id,
      accountId: input.accountId,
      status: 'confirmed',
      assignedBy: actor.accountId,
      overridden: !isCertified,
      now: now.toISOString(),
    });
    await notify(trx, ctx.deps, network, input.accountId, occ, 'assigned', `assigned:${signupId}:${now.getTime()}`);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.assign',
      targetType: 'shift_occurrence',
      targetId: occ.id,
      detail: { slotId: slot.id, accountId: input.accountId },
    });
    if (!isCertified)
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'shift.certification_override',
        targetType: 'shift_signup',
        targetId: signupId,
        detail: { accountId: input.accountId, courseId: slot.courseId },
      });
    return signupId;
  });
  return signupDto(ctx, network.id, id);
}

/** One tap: "I am here" (from an hour before the start to the end). No location is recorded. */
export async function checkIn(ctx: RequestContext, slug: string, signupId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['shift.self']);
  const { s, occ } = await ownSignup(ctx, network.id, actor.accountId, signupId);
  const now = ctx.deps.clock.now();
  if (s.status !== 'confirmed' || s.checkedInAt) throw conflict();
  if (now.getTime() < Date.parse(occ.startsAt) - CHECK_IN_EARLY_MS || now.getTime() > Date.parse(occ.endsAt))
    throw conflict('too_late');
  await inTransaction(ctx, async (trx, audit) => {
    await signupsRepo.updateSignup(trx, s.id, { checked_in_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.check_in',
      targetType: 'shift_signup',
      targetId: s.id,
    });
  });
  return signupDto(ctx, network.id, s.id);
}

/** One tap: "I have left". */
export async function checkOut(ctx: RequestContext, slug: string, signupId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['shift.self']);
  const { s } = await ownSignup(ctx, network.id, actor.accountId, signupId);
  const now = ctx.deps.clock.now();
  if (!s.checkedInAt || s.checkedOutAt) throw conflict();
  await inTransaction(ctx, async (trx, audit) => {
    await signupsRepo.updateSignup(trx, s.id, { checked_out_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.check_out',
      targetType: 'shift_signup',
      targetId: s.id,
    });
  });
  return signupDto(ctx, network.id, s.id);
}
