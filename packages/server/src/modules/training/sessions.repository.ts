import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toBool, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { displayNamesOf } from './display-names.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A session with its course and trainer, decoded. */
export interface SessionRow {
  id: string;
  networkId: string;
  courseId: string;
  courseKey: string;
  courseName: string;
  issueOn: 'attendance' | 'signoff';
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  language: string;
  capacity: number;
  trainerId: string;
  trainerName: string;
  status: 'scheduled' | 'cancelled';
  attendanceSavedAt: string | null;
}

function sessionQuery(db: Db) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .select([
      's.id',
      's.network_id',
      's.course_id',
      'c.key as course_key',
      'c.name as course_name',
      'c.issue_on',
      's.starts_at',
      's.ends_at',
      's.place',
      's.place_enc',
      's.online_url',
      's.language',
      's.capacity',
      's.trainer_account_id',
      's.status',
      's.attendance_saved_at',
    ]);
}

type SessionSelect = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

function toSession(keyring: Keyring, r: SessionSelect, names: Map<string, string>): SessionRow {
  return {
    id: r.id,
    networkId: r.network_id,
    courseId: r.course_id,
    courseKey: r.course_key,
    courseName: r.course_name,
    issueOn: r.issue_on as SessionRow['issueOn'],
    startsAt: toIso(r.starts_at),
    endsAt: toIso(r.ends_at),
    // Where a training meets is often a home or a basement: encrypted since 2026-12-04T0013.
    place: r.place ?? (r.place_enc !== null ? keyring.decrypt('address', r.place_enc) : null),
    onlineUrl: r.online_url,
    language: r.language,
    capacity: Number(r.capacity),
    trainerId: r.trainer_account_id,
    trainerName: names.get(r.trainer_account_id) ?? '',
    status: r.status as SessionRow['status'],
    attendanceSavedAt: toIsoOrNull(r.attendance_saved_at),
  };
}

/** One session of a network. */
export async function findSession(db: Db, keyring: Keyring, networkId: string, id: string): Promise<SessionRow | undefined> {
  const r = await sessionQuery(db).where('s.network_id', '=', networkId).where('s.id', '=', id).executeTakeFirst();
  return r && toSession(keyring, r, await displayNamesOf(db, keyring, [r.trainer_account_id]));
}

/**
 * Lock a session row for the rest of the transaction (PostgreSQL), so two people taking the
 * last place, or a cancellation and a registration, are decided one after the other.
 * SQLite runs one writer at a time, so there is nothing to lock.
 */
export async function lockSession(trx: Transaction<DB>, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('training_sessions').select('id').where('id', '=', id).forUpdate().execute();
}

/** Sessions of a network overlapping a window, soonest first. */
export async function listSessions(
  db: Db,
  keyring: Keyring,
  networkId: string,
  opts: {
    endsAfter?: string;
    startsBefore?: string;
    endsBefore?: string;
    courseId?: string;
    descending?: boolean;
    limit?: number;
  },
): Promise<SessionRow[]> {
  let q = sessionQuery(db).where('s.network_id', '=', networkId);
  if (opts.endsAfter) q = q.where('s.ends_at', '>', opts.endsAfter);
  if (opts.endsBefore) q = q.where('s.ends_at', '<=', opts.endsBefore);
  if (opts.startsBefore) q = q.where('s.starts_at', '<', opts.startsBefore);
  if (opts.courseId) q = q.where('s.course_id', '=', opts.courseId);
  const rows = await q
    .orderBy('s.starts_at', opts.descending ? 'desc' : 'asc')
    .limit(opts.limit ?? 200)
    .execute();
  const names = await displayNamesOf(
    db,
    keyring,
    rows.map((r) => r.trainer_account_id),
  );
  return rows.map((r) => toSession(keyring, r, names));
}

/** Where a session meets, as stored: encrypted, or plain while sealed (sealPlaintext encrypts it at the next unseal). */
function placeColumns(keyring: Keyring, place: string | null) {
  if (place === null) return { place: null, place_enc: null };
  return keyring.sealed ? { place, place_enc: null } : { place: null, place_enc: keyring.encrypt('address', place) };
}

/** Move one batch of plaintext session places (from before 2026-12-04T0013) into place_enc. Unsealed only. */
export async function sealPlacesBatch(db: Kysely<DB>, keyring: Keyring, limit = 200): Promise<number> {
  if (keyring.sealed) return 0;
  const rows = await db
    .selectFrom('training_sessions')
    .select(['id', 'place'])
    .where('place', 'is not', null)
    .limit(limit)
    .execute();
  for (const r of rows)
    await db.updateTable('training_sessions').set(placeColumns(keyring, r.place)).where('id', '=', r.id).execute();
  return rows.length;
}

/** Insert a session. */
export async function insertSession(
  db: Db,
  keyring: Keyring,
  s: {
    id: string;
    networkId: string;
    courseId: string;
    startsAt: string;
    endsAt: string;
    place: string | null;
    onlineUrl: string | null;
    language: string;
    capacity: number;
    trainerId: string;
    createdBy: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('training_sessions')
    .values({
      id: s.id,
      network_id: s.networkId,
      course_id: s.courseId,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      ...placeColumns(keyring, s.place),
      online_url: s.onlineUrl,
      language: s.language,
      capacity: s.capacity,
      trainer_account_id: s.trainerId,
      status: 'scheduled',
      attendance_saved_at: null,
      created_by: s.createdBy,
      created_at: s.now,
      updated_at: s.now,
    })
    .execute();
}

/** Update a session's columns. */
export async function updateSession(
  db: Db,
  keyring: Keyring,
  id: string,
  set: Partial<{
    starts_at: string;
    ends_at: string;
    place: string | null;
    online_url: string | null;
    language: string;
    capacity: number;
    trainer_account_id: string;
    status: string;
    attendance_saved_at: string;
  }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('training_sessions')
    .set({ ...set, ...(set.place !== undefined ? placeColumns(keyring, set.place) : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Registered and waitlisted counts per session. */
export async function countRegistrations(
  db: Db,
  sessionIds: string[],
): Promise<Map<string, { registered: number; waitlisted: number }>> {
  const out = new Map<string, { registered: number; waitlisted: number }>();
  for (const id of sessionIds) out.set(id, { registered: 0, waitlisted: 0 });
  if (sessionIds.length === 0) return out;
  const rows = await db
    .selectFrom('training_registrations')
    .select(['session_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', 'in', sessionIds)
    .where('status', 'in', ['registered', 'waitlisted'])
    .groupBy(['session_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.session_id)!;
    if (r.status === 'registered') c.registered = Number(r.n);
    else c.waitlisted = Number(r.n);
  }
  return out;
}

/** A registration, decoded. */
export interface RegistrationRow {
  id: string;
  sessionId: string;
  accountId: string;
  displayName: string;
  status: 'registered' | 'waitlisted' | 'cancelled';
  queuedAt: string;
  walkIn: boolean;
  attended: boolean;
  signedOff: boolean;
}

function registrationQuery(db: Db) {
  return db
    .selectFrom('training_registrations as r')
    .select(['r.id', 'r.session_id', 'r.account_id', 'r.status', 'r.queued_at', 'r.walk_in', 'r.attended', 'r.signed_off_at']);
}

function toRegistration(
  r: Awaited<ReturnType<ReturnType<typeof registrationQuery>['executeTakeFirstOrThrow']>>,
  names: Map<string, string>,
): RegistrationRow {
  return {
    id: r.id,
    sessionId: r.session_id,
    accountId: r.account_id,
    displayName: names.get(r.account_id) ?? '',
    status: r.status as RegistrationRow['status'],
    queuedAt: toIso(r.queued_at),
    walkIn: toBool(r.walk_in),
    attended: toBool(r.attended),
    signedOff: r.signed_off_at != null,
  };
}

/** Every registration of a session (cancelled included), waitlist order. */
export async function listRegistrations(db: Db, keyring: Keyring, sessionId: string): Promise<RegistrationRow[]> {
  const rows = await registrationQuery(db).where('r.session_id', '=', sessionId).orderBy('r.queued_at').orderBy('r.id').execute();
  const names = await displayNamesOf(
    db,
    keyring,
    rows.map((r) => r.account_id),
  );
  return rows.map((r) => toRegistration(r, names));
}

/** The caller's registrations in these sessions. */
export async function registrationsOf(
  db: Db,
  keyring: Keyring,
  accountId: string,
  sessionIds: string[],
): Promise<Map<string, RegistrationRow>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await registrationQuery(db)
    .where('r.account_id', '=', accountId)
    .where('r.session_id', 'in', sessionIds)
    .execute();
  const names = await displayNamesOf(db, keyring, [accountId]);
  return new Map(rows.map((r) => [r.session_id, toRegistration(r, names)]));
}

/** One registration. */
export async function findRegistration(
  db: Db,
  keyring: Keyring,
  sessionId: string,
  accountId: string,
): Promise<RegistrationRow | undefined> {
  const r = await registrationQuery(db)
    .where('r.session_id', '=', sessionId)
    .where('r.account_id', '=', accountId)
    .executeTakeFirst();
  return r && toRegistration(r, await displayNamesOf(db, keyring, [accountId]));
}

/** Position on the waitlist (1 = next to get a place). */
export async function waitlistPosition(db: Db, sessionId: string, reg: { id: string; queuedAt: string }): Promise<number> {
  const rows = await db
    .selectFrom('training_registrations')
    .select(['id', 'queued_at'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .execute();
  const mine = [Date.parse(reg.queuedAt), reg.id] as const;
  return (
    1 +
    rows.filter((r) => {
      const t = Date.parse(toIso(r.queued_at));
      return t < mine[0] || (t === mine[0] && r.id < mine[1]);
    }).length
  );
}

/** Insert a registration (or reuse a cancelled one: one row per person and session). */
export async function upsertRegistration(
  db: Db,
  r: { id: string; networkId: string; sessionId: string; accountId: string; status: string; walkIn: boolean; now: string },
): Promise<void> {
  const existing = await db
    .selectFrom('training_registrations')
    .select('id')
    .where('session_id', '=', r.sessionId)
    .where('account_id', '=', r.accountId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('training_registrations')
      .set({ status: r.status, queued_at: r.now, walk_in: r.walkIn ? 1 : 0, updated_at: r.now })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  await db
    .insertInto('training_registrations')
    .values({
      id: r.id,
      network_id: r.networkId,
      session_id: r.sessionId,
      account_id: r.accountId,
      status: r.status,
      queued_at: r.now,
      walk_in: r.walkIn ? 1 : 0,
      attended: 0,
      signed_off_at: null,
      created_at: r.now,
      updated_at: r.now,
    })
    .execute();
}

/** Change a registration's columns. */
export async function updateRegistration(
  db: Db,
  id: string,
  set: Partial<{ status: string; attended: number; signed_off_at: string | null }>,
  now: string,
): Promise<void> {
  await db
    .updateTable('training_registrations')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The next people waiting, in order. */
export async function nextWaitlisted(db: Db, sessionId: string, limit: number): Promise<{ id: string; accountId: string }[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('training_registrations')
    .select(['id', 'account_id'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}

/** Registered people of sessions starting in a window (for reminders), with their session. */
export async function registeredStartingBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('training_registrations as r')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .select(['r.id as registration_id', 'r.account_id', 's.id as session_id', 's.network_id', 's.starts_at'])
    .where('r.status', '=', 'registered')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', from)
    .where('s.starts_at', '<=', to)
    .execute();
}
