// The API shape of occurrences, shared by shifts.service's open, own and single-occurrence reads.
import type { NetworkAccess } from '../../platform/access/access.ts';
import type { Deps } from '../../platform/context.ts';
import { hasValidCertification, listCourses } from '../training/index.ts';
import * as seriesRepo from './series.repository.ts';
import { canManageOrg } from './shifts-access.ts';
import type * as repo from './shifts.repository.ts';
import * as signupsRepo from './signups.repository.ts';

/** Group items by a key. */
export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Occurrences as the caller sees them: fill per slot, their eligibility, their own sign-up; names for coordinators. */
export async function occurrenceDtos(
  deps: Deps,
  networkId: string,
  timeZone: string,
  access: NetworkAccess,
  rows: repo.OccurrenceRow[],
) {
  const db = deps.database.db;
  const me = access.accountId;
  const [slots, signups, courses] = await Promise.all([
    seriesRepo.slotsOfSeries(db, [...new Set(rows.map((r) => r.seriesId))]),
    signupsRepo.signupsOf(
      db,
      deps.keyring,
      rows.map((r) => r.id),
    ),
    listCourses(db, networkId),
  ]);
  const courseName = new Map(courses.map((c) => [c.id, c.name]));
  const now = deps.clock.now();
  const eligible = new Map<string, boolean>();
  for (const courseId of new Set(slots.map((s) => s.courseId).filter((c): c is string => c !== null)))
    eligible.set(courseId, await hasValidCertification(db, networkId, me, courseId, now));
  const slotsBySeries = groupBy(slots, (s) => s.seriesId);
  const signupsByOcc = groupBy(signups, (s) => s.occurrenceId);
  return rows.map((o) => {
    const manage = canManageOrg(access, o.organizationId);
    const people = signupsByOcc.get(o.id) ?? [];
    const mine = people.find((p) => p.accountId === me && (p.status === 'confirmed' || p.status === 'waitlisted'));
    return {
      id: o.id,
      seriesId: o.seriesId,
      siteId: o.siteId,
      siteName: o.siteName,
      siteKind: o.siteKind as never,
      address: o.address,
      title: o.title,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      localDate: o.localDate,
      timeZone,
      canManage: manage,
      mine: mine
        ? {
            signupId: mine.id,
            slotId: mine.slotId,
            status: mine.status,
            swapOffered: mine.swapOffered,
            checkedInAt: mine.checkedInAt,
            checkedOutAt: mine.checkedOutAt,
          }
        : null,
      slots: (slotsBySeries.get(o.seriesId) ?? []).map((sl) => {
        const on = people.filter((p) => p.slotId === sl.id);
        return {
          id: sl.id,
          label: sl.label,
          peopleNeeded: sl.peopleNeeded,
          courseId: sl.courseId,
          courseName: sl.courseId ? (courseName.get(sl.courseId) ?? null) : null,
          confirmed: on.filter((p) => p.status === 'confirmed').length,
          waitlisted: on.filter((p) => p.status === 'waitlisted').length,
          eligible: sl.courseId ? (eligible.get(sl.courseId) ?? false) : true,
          swapOffers: on.filter((p) => p.status === 'confirmed' && p.swapOffered && p.accountId !== me).map((p) => p.id),
          people: manage
            ? on
                .filter((p) => p.status === 'confirmed' || p.status === 'waitlisted')
                .map((p) => ({
                  signupId: p.id,
                  accountId: p.accountId,
                  displayName: p.displayName,
                  status: p.status,
                  checkedInAt: p.checkedInAt,
                  checkedOutAt: p.checkedOutAt,
                  overridden: p.overridden,
                }))
            : [],
        };
      }),
    };
  });
}
