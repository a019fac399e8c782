import { cellToParent } from 'h3-js';
import { DateTime } from 'luxon';
import type { RequestContext } from '../../platform/context.ts';
import { hook } from '../../platform/wiring.ts';
import { activeOrganizations, enterNetwork } from '../networks/index.ts';
import * as certs from './certifications.repository.ts';
import { accountsCertifiedFor } from './certification-validity.repository.ts';
import * as courses from './courses.repository.ts';
import { instantToLocal, weekOf } from './local-time.ts';
import { organizationsOf } from './members.ts';
import * as sessions from './sessions.repository.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/** Weeks shown on the dashboard. */
const WEEKS = 12;
/** Areas are counted at this H3 resolution (~36 km² cells): a count per district, never a position. */
export const DASHBOARD_AREA_RESOLUTION = 6;

/**
 * The training dashboard: people certified per week (network zone) by course and
 * organization, upcoming sessions and their fill, and responders available right now
 * who hold a valid certification, per course and coarse area.
 */
export async function dashboard(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['dashboard.view']);
  const db = ctx.deps.database.db;
  const zone = network.timeZone;
  const now = ctx.deps.clock.now();
  const firstWeek = DateTime.fromJSDate(now)
    .setZone(zone)
    .startOf('week')
    .minus({ weeks: WEEKS - 1 });
  const weeks = Array.from({ length: WEEKS }, (_, i) => firstWeek.plus({ weeks: i }).toISODate()!);

  const issued = await certs.issuedBetween(db, network.id, firstWeek.toJSDate().toISOString(), now.toISOString());
  const orgsOf = await organizationsOf(db, network.id, [...new Set(issued.map((c) => c.accountId))]);
  const perGroup = new Map<string, Set<string>>();
  const perWeek = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, key: string, accountId: string) =>
    m.set(key, (m.get(key) ?? new Set()).add(accountId));
  for (const c of issued) {
    const week = weekOf(c.issuedAt, zone);
    add(perWeek, week, c.accountId);
    for (const org of orgsOf.get(c.accountId) ?? []) add(perGroup, `${week}|${c.courseId}|${org}`, c.accountId);
  }
  const trained = [...perGroup].map(([k, people]) => {
    const [week, courseId, organizationId] = k.split('|');
    return { week, courseId, organizationId, people: people.size };
  });
  const trainedTotal = weeks.map((week) => ({ week, people: perWeek.get(week)?.size ?? 0 }));

  const upcomingRows = await sessions.listSessions(db, ctx.deps.keyring, network.id, { endsAfter: now.toISOString(), limit: 50 });
  const counts = await sessions.countRegistrations(
    db,
    upcomingRows.map((s) => s.id),
  );
  const upcoming = upcomingRows
    .filter((s) => s.status === 'scheduled')
    .map((s) => ({
      id: s.id,
      courseName: s.courseName,
      startsAtLocal: instantToLocal(s.startsAt, zone),
      capacity: s.capacity,
      ...counts.get(s.id)!,
    }));

  const courseRows = await courses.listCourseRows(db, network.id, { includeArchived: true });
  const available = await hook(ctx.deps, 'training.availableResponders')(db, network.id, now);
  const areaOf = new Map(available.map((r) => [r.accountId, cellToParent(r.cell, DASHBOARD_AREA_RESOLUTION)]));
  const availableCertified: { area: string; courseId: string; responders: number }[] = [];
  for (const course of courseRows) {
    const holders = await accountsCertifiedFor(db, network.id, course.id, now, [...areaOf.keys()]);
    const perArea = new Map<string, number>();
    for (const id of holders) perArea.set(areaOf.get(id)!, (perArea.get(areaOf.get(id)!) ?? 0) + 1);
    for (const [area, responders] of perArea) availableCertified.push({ area, courseId: course.id, responders });
  }

  return {
    timeZone: zone,
    weeks,
    trained,
    trainedTotal,
    courses: courseRows.map((c) => ({ id: c.id, name: c.name })),
    organizations: await activeOrganizations(db, network.id),
    upcoming,
    availableCertified,
  };
}
