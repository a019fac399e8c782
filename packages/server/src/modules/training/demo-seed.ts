import { DateTime } from 'luxon';
import type { Deps } from '../../platform/context.ts';
import type { SensitiveSeed } from '../../platform/crypto/plain-columns.ts';
import { newId } from '../../platform/ids.ts';
import { insertCertification } from './certifications.repository.ts';
import { STARTER_COURSES } from './course-catalog.ts';
import { insertCourse } from './courses.repository.ts';
import { insertSession, upsertRegistration } from './sessions.repository.ts';

/** What the demo seed hands training: the demo network and its people's account ids by key (trainer, watch, …). */
export interface TrainingDemoCast {
  networkId: string;
  /** The network's zone: sessions start at local hours. */
  timeZone: string;
  accountIds: ReadonlyMap<string, string>;
}

/**
 * The demo's sessions, days from today at a local hour (or, with `minutesAgo`, one under way
 * as the demo starts, so attendance can be taken at once); all run by Tom Trainer.
 */
const SESSIONS = [
  {
    course: 'legal-observer',
    minutesAgo: 30,
    hours: 3,
    place: 'Unidos Immigrant Rights Center, 1500 E Lake St, Minneapolis',
    url: null,
    language: 'en',
    capacity: 20,
    people: ['watch', 'responder'],
  },
  {
    course: 'know-your-rights',
    days: 5,
    hour: 10,
    hours: 2,
    place: 'Masjid An-Nur, 1729 Lyndale Ave N, Minneapolis',
    url: null,
    language: 'so',
    capacity: 40,
    people: ['watch'],
  },
  {
    course: 'de-escalation',
    days: 9,
    hour: 18,
    hours: 2,
    place: null,
    url: 'https://meet.example.org/de-escalation',
    language: 'es',
    // Full with these two: the next person to register is waitlisted.
    capacity: 2,
    people: ['case-worker', 'coordinator'],
  },
] as const;

/** The demo sessions' places: what the cold-copy test looks for on a stopped disk. */
export function trainingDemoSensitive(): SensitiveSeed {
  return { texts: SESSIONS.flatMap((s) => (s.place ? [{ kind: 'address' as const, value: s.place }] : [])), points: [] };
}

/**
 * Demo data for the training module, seeded once with the demo network: the starter
 * courses, a few upcoming sessions run by Tom Trainer, a valid legal-observer
 * certification for Lee Observer, and none for Fartun Watch (who is registered for the
 * legal-observer session under way, so a trainer can tick her attendance).
 */
export async function seedTrainingDemo(deps: Deps, cast: TrainingDemoCast): Promise<void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const person = (key: string) => cast.accountIds.get(key)!;
  const courseIds = new Map(STARTER_COURSES.map((c) => [c.key, newId()]));
  for (const c of STARTER_COURSES)
    await insertCourse(
      db,
      {
        id: courseIds.get(c.key)!,
        networkId: cast.networkId,
        key: c.key,
        name: c.name,
        description: c.description,
        validityMonths: c.validityMonths,
        qualification: c.qualification,
        issueOn: c.issueOn,
        prerequisites: c.prerequisites.map((k) => courseIds.get(k)!),
      },
      nowIso,
    );

  const trainer = person('trainer');
  const today = DateTime.fromJSDate(now).setZone(cast.timeZone).startOf('day');
  for (const s of SESSIONS) {
    const id = newId();
    const start =
      'minutesAgo' in s
        ? DateTime.fromJSDate(now).setZone(cast.timeZone).minus({ minutes: s.minutesAgo }).startOf('minute')
        : today.plus({ days: s.days }).set({ hour: s.hour });
    await insertSession(db, deps.keyring, {
      id,
      networkId: cast.networkId,
      courseId: courseIds.get(s.course)!,
      startsAt: start.toUTC().toISO()!,
      endsAt: start.plus({ hours: s.hours }).toUTC().toISO()!,
      place: s.place,
      onlineUrl: s.url,
      language: s.language,
      capacity: s.capacity,
      trainerId: trainer,
      createdBy: trainer,
      now: nowIso,
    });
    for (const key of s.people)
      await upsertRegistration(db, {
        id: newId(),
        networkId: cast.networkId,
        sessionId: id,
        accountId: person(key),
        status: 'registered',
        walkIn: false,
        now: nowIso,
      });
  }

  // Lee Observer took know-your-rights and legal-observer two months ago: both valid now.
  const issued = DateTime.fromJSDate(now).minus({ months: 2 });
  for (const key of ['know-your-rights', 'legal-observer'] as const) {
    const months = STARTER_COURSES.find((c) => c.key === key)!.validityMonths;
    await insertCertification(db, {
      id: newId(),
      networkId: cast.networkId,
      accountId: person('legal-observer'),
      courseId: courseIds.get(key)!,
      source: 'signoff',
      sessionId: null,
      issuedBy: trainer,
      issuedAt: issued.toUTC().toISO()!,
      expiresAt: issued.plus({ months }).toUTC().toISO()!,
      now: nowIso,
    });
  }
}
