import { DateTime } from 'luxon';
import type { Deps } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { STARTER_COURSES } from '../modules/training/course-catalog.ts';
import type { DemoIds } from './demo-seed.ts';

/**
 * Demo data for the training module, seeded once with the demo network: the starter
 * courses, a few upcoming sessions run by Tom Trainer, a valid legal-observer
 * certification for Lee Observer, and none for Fartun Watch (who is registered for the
 * next legal-observer session, so a trainer can tick her attendance).
 */
export async function seedTrainingDemo(deps: Deps, ids: DemoIds): Promise<void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const courseIds = new Map<string, string>();
  for (const c of STARTER_COURSES) courseIds.set(c.key, newId());
  for (const c of STARTER_COURSES) {
    await db
      .insertInto('training_courses')
      .values({
        id: courseIds.get(c.key)!,
        network_id: ids.networkId,
        key: c.key,
        name: c.name,
        description: c.description,
        validity_months: c.validityMonths,
        qualification: c.qualification,
        issue_on: c.issueOn,
        prerequisites: JSON.stringify(c.prerequisites.map((k) => courseIds.get(k)!)),
        archived: 0,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
  }

  const trainer = ids.accountIds.get('trainer')!;
  const { time_zone: zone } = await db
    .selectFrom('networks')
    .select('time_zone')
    .where('id', '=', ids.networkId)
    .executeTakeFirstOrThrow();
  const day = (days: number, hour: number) => DateTime.fromJSDate(now).setZone(zone).startOf('day').plus({ days }).set({ hour });
  const sessions = [
    {
      course: 'legal-observer',
      start: day(3, 18),
      hours: 3,
      place: 'Unidos Immigrant Rights Center, 1500 E Lake St, Minneapolis',
      url: null,
      language: 'en',
      capacity: 20,
    },
    {
      course: 'know-your-rights',
      start: day(5, 10),
      hours: 2,
      place: 'Masjid An-Nur, 1729 Lyndale Ave N, Minneapolis',
      url: null,
      language: 'so',
      capacity: 40,
    },
    {
      course: 'de-escalation',
      start: day(9, 18),
      hours: 2,
      place: null,
      url: 'https://meet.example.org/de-escalation',
      language: 'es',
      capacity: 2,
    },
  ];
  const sessionIds: string[] = [];
  for (const s of sessions) {
    const id = newId();
    sessionIds.push(id);
    await db
      .insertInto('training_sessions')
      .values({
        id,
        network_id: ids.networkId,
        course_id: courseIds.get(s.course)!,
        starts_at: s.start.toUTC().toISO()!,
        ends_at: s.start.plus({ hours: s.hours }).toUTC().toISO()!,
        place: s.place,
        online_url: s.url,
        language: s.language,
        capacity: s.capacity,
        trainer_account_id: trainer,
        status: 'scheduled',
        attendance_saved_at: null,
        created_by: trainer,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
  }
  const register = async (sessionId: string, account: string) =>
    db
      .insertInto('training_registrations')
      .values({
        id: newId(),
        network_id: ids.networkId,
        session_id: sessionId,
        account_id: account,
        status: 'registered',
        queued_at: nowIso,
        walk_in: 0,
        attended: 0,
        signed_off_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
  await register(sessionIds[0], ids.accountIds.get('watch')!);
  await register(sessionIds[0], ids.accountIds.get('responder')!);
  await register(sessionIds[1], ids.accountIds.get('watch')!);
  await register(sessionIds[2], ids.accountIds.get('case-worker')!);
  await register(sessionIds[2], ids.accountIds.get('coordinator')!);

  // Lee Observer took know-your-rights and legal-observer two months ago: both valid now.
  const issued = DateTime.fromJSDate(now).minus({ months: 2 });
  for (const key of ['know-your-rights', 'legal-observer'] as const) {
    const months = STARTER_COURSES.find((c) => c.key === key)!.validityMonths;
    await db
      .insertInto('training_certifications')
      .values({
        id: newId(),
        network_id: ids.networkId,
        account_id: ids.accountIds.get('legal-observer')!,
        course_id: courseIds.get(key)!,
        source: 'signoff',
        session_id: null,
        issued_by: trainer,
        issued_at: issued.toUTC().toISO()!,
        expires_at: issued.plus({ months }).toUTC().toISO()!,
        revoked_at: null,
        revoked_by: null,
        created_at: nowIso,
      })
      .execute();
  }
}
