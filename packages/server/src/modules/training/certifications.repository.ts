import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import { toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { displayNamesOf } from './display-names.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A certification with its person and course, decoded. */
export interface CertificationRow {
  id: string;
  accountId: string;
  displayName: string;
  courseId: string;
  courseKey: string;
  courseName: string;
  source: 'attendance' | 'signoff' | 'import' | 'manual';
  sessionId: string | null;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

function certQuery(db: Db) {
  return db
    .selectFrom('training_certifications as t')
    .innerJoin('training_courses as c', 'c.id', 't.course_id')
    .select([
      't.id',
      't.account_id',
      't.course_id',
      'c.key as course_key',
      'c.name as course_name',
      't.source',
      't.session_id',
      't.issued_at',
      't.expires_at',
      't.revoked_at',
    ]);
}

function toCert(
  r: Awaited<ReturnType<ReturnType<typeof certQuery>['executeTakeFirstOrThrow']>>,
  names: Map<string, string>,
): CertificationRow {
  return {
    id: r.id,
    accountId: r.account_id,
    displayName: names.get(r.account_id) ?? '',
    courseId: r.course_id,
    courseKey: r.course_key,
    courseName: r.course_name,
    source: r.source as CertificationRow['source'],
    sessionId: r.session_id,
    issuedAt: toIso(r.issued_at),
    expiresAt: toIsoOrNull(r.expires_at),
    revokedAt: toIsoOrNull(r.revoked_at),
  };
}

/** Certifications of a network, newest first, optionally for one person or course. */
export async function listCertifications(
  db: Db,
  keyring: Keyring,
  networkId: string,
  filter: { accountId?: string; courseId?: string; limit?: number },
): Promise<CertificationRow[]> {
  let q = certQuery(db).where('t.network_id', '=', networkId);
  if (filter.accountId) q = q.where('t.account_id', '=', filter.accountId);
  if (filter.courseId) q = q.where('t.course_id', '=', filter.courseId);
  const rows = await q
    .orderBy('t.issued_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(filter.limit ?? 500)
    .execute();
  const names = await displayNamesOf(
    db,
    keyring,
    rows.map((r) => r.account_id),
  );
  return rows.map((r) => toCert(r, names));
}

/** One certification of a network. */
export async function findCertification(
  db: Db,
  keyring: Keyring,
  networkId: string,
  id: string,
): Promise<CertificationRow | undefined> {
  const r = await certQuery(db).where('t.network_id', '=', networkId).where('t.id', '=', id).executeTakeFirst();
  return r && toCert(r, await displayNamesOf(db, keyring, [r.account_id]));
}

/** The unrevoked certifications a session issued, by account. */
export async function certificationsFromSession(db: Db, sessionId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('training_certifications')
    .select(['id', 'account_id'])
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.account_id, r.id]));
}

/** Insert a certification. */
export async function insertCertification(
  db: Db,
  c: {
    id: string;
    networkId: string;
    accountId: string;
    courseId: string;
    source: string;
    sessionId: string | null;
    issuedBy: string | null;
    issuedAt: string;
    expiresAt: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('training_certifications')
    .values({
      id: c.id,
      network_id: c.networkId,
      account_id: c.accountId,
      course_id: c.courseId,
      source: c.source,
      session_id: c.sessionId,
      issued_by: c.issuedBy,
      issued_at: c.issuedAt,
      expires_at: c.expiresAt,
      revoked_at: null,
      revoked_by: null,
      created_at: c.now,
    })
    .execute();
}

/** Revoke a certification. */
export async function revokeCertification(db: Db, id: string, by: string, now: string): Promise<void> {
  await db
    .updateTable('training_certifications')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Unrevoked certifications for these (account, course) pairs issued on these instants: import duplicates. */
export async function existingIssues(db: Db, networkId: string, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const out = new Set<string>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('training_certifications')
      .select(['account_id', 'course_id', 'issued_at'])
      .where('network_id', '=', networkId)
      .where('revoked_at', 'is', null)
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(`${r.account_id}|${r.course_id}|${toIso(r.issued_at)}`);
  }
  return out;
}

/** Certifications issued in a window, `to` included (not manual overrides), for the dashboard. */
export async function issuedBetween(db: Db, networkId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('training_certifications')
    .select(['account_id', 'course_id', 'issued_at'])
    .where('network_id', '=', networkId)
    .where('source', '!=', 'manual')
    .where('revoked_at', 'is', null)
    .where('issued_at', '>=', from)
    .where('issued_at', '<=', to)
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, courseId: r.course_id, issuedAt: toIso(r.issued_at) }));
}

/** Valid certifications expiring in a window, with no later-expiring valid one for the same person and course (for expiry reminders). */
export async function expiringBetween(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('training_certifications as t')
    .select(['t.id', 't.network_id', 't.account_id', 't.course_id', 't.expires_at'])
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', from)
    .where('t.expires_at', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('training_certifications as n')
            .select('n.id')
            .whereRef('n.account_id', '=', 't.account_id')
            .whereRef('n.course_id', '=', 't.course_id')
            .where('n.revoked_at', 'is', null)
            .where((eb) => eb.or([eb('n.expires_at', 'is', null), eb('n.expires_at', '>', eb.ref('t.expires_at'))])),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    networkId: r.network_id,
    accountId: r.account_id,
    courseId: r.course_id,
    expiresAt: toIso(r.expires_at!),
  }));
}
