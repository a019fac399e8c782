import type { CoverageQuery } from '@switchboard/shared';
import type { z } from 'zod';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { findAccountProfilesByIds, findAccountsByIds } from '../identity/index.ts';
import { activeMembershipsOf, auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import { accountsCertifiedFor, listCourses } from '../training/index.ts';
import { weekStart } from './recurrence.ts';
import { assertSeesSite, managedOrgIds } from './shifts-access.ts';
import { coverageView, onSiteRows } from './coverage.repository.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as signupsRepo from './signups.repository.ts';
import { distanceKm, homeCentre, NEAR_KM } from './shifts.service.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { queueNotices } from './shift-notices.ts';

/** Coverage state of a slot. */
export function coverageState(needed: number, confirmed: number): 'empty' | 'short' | 'filled' {
  return confirmed === 0 ? 'empty' : confirmed < needed ? 'short' : 'filled';
}

/** A week of coverage for the sites the caller coordinates (all, for a network admin), gaps first. */
export async function coverage(ctx: RequestContext, slug: string, query: z.output<typeof CoverageQuery>) {
  const { network, access } = await enterNetwork(ctx, slug, P['coverage.read']);
  const db = ctx.deps.database.db;
  const start = weekStart(network.timeZone, ctx.deps.clock.now(), query.week);
  const end = start.plus({ weeks: 1 });
  const [view, courses] = await Promise.all([
    coverageView(
      db,
      network.id,
      start.toUTC().toISO()!,
      end.toUTC().toISO()!,
      { orgIds: managedOrgIds(access), siteId: query.siteId },
      query.limit,
    ),
    listCourses(db, network.id),
  ]);
  const courseName = new Map(courses.map((c) => [c.id, c.name]));
  // Only the `limit` most urgent are listed: a phone needs the gaps, not thousands of filled slots.
  const cells = view.rows.map((r) => ({
    occurrenceId: r.occurrenceId,
    slotId: r.slotId,
    siteId: r.siteId,
    siteName: r.siteName,
    title: r.title,
    slotLabel: r.label,
    courseName: r.courseId ? (courseName.get(r.courseId) ?? null) : null,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    localDate: r.localDate,
    needed: r.peopleNeeded,
    confirmed: r.confirmed,
    state: coverageState(r.peopleNeeded, r.confirmed),
  }));
  return { weekStart: start.toISODate()!, timeZone: network.timeZone, totals: view.totals, cells, more: view.all - cells.length };
}

/** Who is checked in and not yet out, at the sites the caller coordinates. */
export async function onSiteNow(ctx: RequestContext, slug: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['coverage.read']);
  const orgIds = managedOrgIds(access);
  const db = ctx.deps.database.db;
  // A forgotten check-out stops counting a day after the start.
  const since = new Date(ctx.deps.clock.now().getTime() - 86_400_000).toISOString();
  const onSite = await onSiteRows(db, network.id, since, orgIds);
  const accounts = await findAccountsByIds(
    db,
    ctx.deps.keyring,
    onSite.map((r) => r.accountId),
  );
  const rows = onSite.flatMap((r) => {
    const account = accounts.get(r.accountId);
    return account ? [{ ...r, displayName: account.displayName }] : [];
  });
  if (rows.length > 0)
    await auditRead(ctx, {
      networkId: network.id,
      actorId: access.accountId,
      action: 'shift.on_site_read',
      targetType: 'network',
      targetId: network.id,
      detail: { people: rows.length },
    });
  return {
    people: rows.map((r) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      occurrenceId: r.occurrenceId,
      accountId: r.accountId,
      displayName: r.displayName,
      checkedInAt: r.checkedInAt,
    })),
  };
}

/** At most this many people are asked per call for help. */
const HELP_LIMIT = 50;

/**
 * From a gap: ask members near the site (by their coarse home area) who hold the slot's
 * certification and are not on another shift at that time. Each is told once per gap.
 */
export async function callForHelp(ctx: RequestContext, slug: string, occurrenceId: string, slotId: string) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['shift.browse']);
  const db = ctx.deps.database.db;
  const occ = await repo.findOccurrence(db, ctx.deps.keyring, network.id, occurrenceId);
  if (!occ || occ.cancelled) throw notFound();
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, occ.siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  const slot = (await seriesRepo.slotsOfSeries(db, [occ.seriesId])).find((s) => s.id === slotId);
  if (!slot) throw notFound();
  const now = ctx.deps.clock.now();
  if (new Date(occ.startsAt) <= now) throw conflict('too_late');
  if ((await signupsRepo.confirmedCount(db, occ.id, slot.id)) >= slot.peopleNeeded) throw conflict('full');

  // Members of admitted organizations (networks), then their coarse home areas (identity): two batched reads.
  const memberIds = [...new Set((await activeMembershipsOf(db, network.id)).map((m) => m.accountId))];
  const members = [...(await findAccountProfilesByIds(db, memberIds)).values()];
  let nearby = members.filter((m) => {
    const home = homeCentre(m.homeArea);
    return home !== null && distanceKm(home, site) <= NEAR_KM;
  });
  const busy = await signupsRepo.busyAccounts(db, network.id, occ.startsAt, occ.endsAt);
  nearby = nearby.filter((m) => !busy.has(m.id) && m.id !== actor.accountId);
  if (slot.courseId) {
    const ok = await accountsCertifiedFor(
      db,
      network.id,
      slot.courseId,
      new Date(occ.startsAt),
      nearby.map((m) => m.id),
    );
    const okNow = await accountsCertifiedFor(db, network.id, slot.courseId, now, [...ok]);
    nearby = nearby.filter((m) => okNow.has(m.id));
  }
  const chosen = nearby.slice(0, HELP_LIMIT);
  await inTransaction(ctx, async (trx, audit) => {
    const payload = {
      kind: 'help' as const,
      timeZone: network.timeZone,
      title: occ.title,
      site: occ.siteName,
      startsAt: occ.startsAt,
      path: `/n/${encodeURIComponent(network.slug)}/shifts`,
    };
    await queueNotices(
      trx,
      ctx.deps,
      network.id,
      chosen.map((m) => ({ accountId: m.id, dedupe: `help:${occ.id}:${slot.id}:${m.id}`, payload })),
    );
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'shift.call_for_help',
      targetType: 'shift_occurrence',
      targetId: occ.id,
      detail: { slotId: slot.id, asked: chosen.length },
    });
  });
  return { notified: chosen.length };
}
