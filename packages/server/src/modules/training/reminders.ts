import type { Deps } from '../../platform/context.ts';
import { allNetworks } from '../networks/index.ts';
import * as certs from './certifications.repository.ts';
import * as courses from './courses.repository.ts';
import { enqueueTrainingNotice } from './notices.ts';
import * as sessions from './sessions.repository.ts';

const HOUR = 3_600_000;
/** Session reminders: the day before, and an hour before. */
const SESSION_WINDOWS = [
  { label: '24h', from: HOUR, to: 24 * HOUR },
  { label: '1h', from: 0, to: HOUR },
] as const;
/** Certification expiry reminders: a month ahead. */
const EXPIRY_WINDOW = 30 * 24 * HOUR;

/**
 * Queue due reminders: sessions starting soon (for registered people) and certifications
 * expiring within a month (unless renewed). Each notice has a dedupe key, so running
 * this again, or on two app processes, queues nothing twice. Returns how many were looked at.
 */
export async function queueTrainingReminders(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const networks = new Map((await allNetworks(db)).map((n) => [n.id, n]));
  let seen = 0;
  for (const w of SESSION_WINDOWS) {
    const due = await sessions.registeredStartingBetween(
      db,
      new Date(now.getTime() + w.from).toISOString(),
      new Date(now.getTime() + w.to).toISOString(),
    );
    for (const d of due) {
      const network = networks.get(d.network_id);
      const s = network && (await sessions.findSession(db, deps.keyring, network.id, d.session_id));
      if (!network || !s) continue;
      seen++;
      await db.transaction().execute((trx) =>
        enqueueTrainingNotice(trx, deps, {
          networkId: network.id,
          accountId: d.account_id,
          dedupeKey: `training-reminder:${d.registration_id}:${s.startsAt}:${w.label}`,
          payload: {
            kind: 'session_reminder',
            course: s.courseName,
            at: s.startsAt,
            timeZone: network.timeZone,
            slug: network.slug,
          },
          now: nowIso,
        }),
      );
    }
  }
  for (const c of await certs.expiringBetween(db, nowIso, new Date(now.getTime() + EXPIRY_WINDOW).toISOString())) {
    const network = networks.get(c.networkId);
    const course = network && (await courses.findCourse(db, network.id, c.courseId));
    if (!network || !course) continue;
    seen++;
    await db.transaction().execute((trx) =>
      enqueueTrainingNotice(trx, deps, {
        networkId: network.id,
        accountId: c.accountId,
        dedupeKey: `training-expiry:${c.id}`,
        payload: {
          kind: 'expiry_reminder',
          course: course.name,
          at: c.expiresAt,
          timeZone: network.timeZone,
          slug: network.slug,
        },
        now: nowIso,
      }),
    );
  }
  return seen;
}
