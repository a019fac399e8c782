import type { Kysely, Transaction } from 'kysely';
import { toIsoOrNull } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

// Whether certifications count at an instant: what shifts and dispatch ask of training (through index.ts).

/**
 * Certifications valid at an instant: issued by then, not expired, not revoked.
 * Validity is decided here against the caller's clock, so an expired certification
 * stops counting the moment it expires — no job has to flip a flag.
 */
function validAt(db: Db, networkId: string, at: Date) {
  const iso = at.toISOString();
  return db
    .selectFrom('training_certifications')
    .where('network_id', '=', networkId)
    .where('revoked_at', 'is', null)
    .where('issued_at', '<=', iso)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', iso)]));
}

/** Whether the account holds a certification for the course that is valid at `at` (issued, not expired, not revoked). */
export async function hasValidCertification(
  db: Db,
  networkId: string,
  accountId: string,
  courseId: string,
  at: Date,
): Promise<boolean> {
  const row = await validAt(db, networkId, at)
    .select('id')
    .where('account_id', '=', accountId)
    .where('course_id', '=', courseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of `accountIds` (or of everyone when omitted), those holding a valid certification for the course at `at`. */
export async function accountsCertifiedFor(
  db: Db,
  networkId: string,
  courseId: string,
  at: Date,
  accountIds?: string[],
): Promise<Set<string>> {
  const q = validAt(db, networkId, at).select('account_id').distinct().where('course_id', '=', courseId);
  if (!accountIds) return new Set((await q.execute()).map((r) => r.account_id));
  const out = new Set<string>();
  // In chunks: SQLite and PostgreSQL cap the bound parameters of one statement.
  for (let i = 0; i < accountIds.length; i += 500) {
    for (const r of await q.where('account_id', 'in', accountIds.slice(i, i + 500)).execute()) out.add(r.account_id);
  }
  return out;
}

/**
 * Dispatch qualifications granted by certifications valid at `at`, per account.
 * Returns each account's qualifications and the earliest instant one of them lapses,
 * so an in-memory index can tell, without a job, when to look again.
 */
export async function certifiedQualifications(
  db: Db,
  networkId: string,
  at: Date,
  accountIds?: string[],
): Promise<Map<string, { qualification: string; expiresAt: string | null }[]>> {
  if (accountIds && accountIds.length === 0) return new Map();
  const iso = at.toISOString();
  let q = db
    .selectFrom('training_certifications as c')
    .innerJoin('training_courses as k', 'k.id', 'c.course_id')
    .select(['c.account_id', 'k.qualification', 'c.expires_at'])
    .where('c.network_id', '=', networkId)
    .where('k.qualification', 'is not', null)
    .where('c.revoked_at', 'is', null)
    .where('c.issued_at', '<=', iso)
    .where((eb) => eb.or([eb('c.expires_at', 'is', null), eb('c.expires_at', '>', iso)]));
  if (accountIds) q = q.where('c.account_id', 'in', accountIds);
  const rows = await q.execute();
  const out = new Map<string, { qualification: string; expiresAt: string | null }[]>();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({
      qualification: r.qualification as string,
      expiresAt: toIsoOrNull(r.expires_at),
    });
    out.set(r.account_id, list);
  }
  return out;
}
