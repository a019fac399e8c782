import type { CoverageQuery } from '@switchboard/shared';
import type { z } from 'zod';
import { toIso } from '../../db/rows.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import { accountsCertifiedFor, listCourses } from '../training/index.ts';
import { weekStart } from './recurrence.ts';
import { assertSeesSite, managedOrgIds } from './shifts-access.ts';
import { coverageView } from './coverage.repository.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as signupsRepo from './signups.repository.ts';
import { distanceKm, homeCentre, NEAR_KM } from './shifts.service.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { queueNotice } from './shift-notices.ts';

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
  let q = ctx.deps.database.db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('accounts as a', 'a.id', 'su.account_id')
    .select([
      's.id as site_id',
      's.name as site_name',
      'o.id as occurrence_id',
      'su.account_id',
      'a.display_name',
      'su.checked_in_at',
    ])
    .where('su.network_id', '=', network.id)
    .where('su.status', '=', 'confirmed')
    .where('su.checked_in_at', 'is not', null)
    .where('su.checked_out_at', 'is', null)
    // A forgotten check-out stops counting a day after the start.
    .where('o.starts_at', '>', new Date(ctx.deps.clock.now().getTime() - 86_400_000).toISOString());
  if (orgIds) q = q.where('s.organization_id', 'in', orgIds.length ? orgIds : ['-']);
  const rows = await q.orderBy('s.name').execute();
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
      siteId: r.site_id,
      siteName: r.site_name,
      occurrenceId: r.occurrence_id,
      accountId: r.account_id,
      displayName: r.display_name,
      checkedInAt: toIso(r.checked_in_at!),
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
  const occ = await repo.findOccurrence(db, network.id, occurrenceId);
  if (!occ || occ.cancelled) throw notFound();
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, network.id, occ.siteId));
  authorize(access, P['shift.manage'], site.organizationId);
  const slot = (await seriesRepo.slotsOfSeries(db, [occ.seriesId])).find((s) => s.id === slotId);
  if (!slot) throw notFound();
  const now = ctx.deps.clock.now();
  if (new Date(occ.startsAt) <= now) throw conflict('too_late');
  if ((await signupsRepo.confirmedCount(db, occ.id, slot.id)) >= slot.peopleNeeded) throw conflict('full');

  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as org', 'org.id', 'm.organization_id')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.home_area'])
    .distinct()
    .where('m.network_id', '=', network.id)
    .where('m.status', '=', 'active')
    .where('org.status', '=', 'active')
    .where('a.home_area', 'is not', null)
    .execute();
  let nearby = members.filter((m) => {
    const home = homeCentre(m.home_area);
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
    for (const m of chosen) {
      await queueNotice(trx, ctx.deps, network.id, m.id, `help:${occ.id}:${slot.id}:${m.id}`, {
        kind: 'help',
        timeZone: network.timeZone,
        title: occ.title,
        site: occ.siteName,
        startsAt: occ.startsAt,
        path: `/n/${encodeURIComponent(network.slug)}/shifts`,
      });
    }
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
