/** Sessions: a row per signed-in device, its token stored hashed. */
import type { Kysely, Transaction } from 'kysely';
import { toBool, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A session row. */
export interface SessionRow {
  id: string;
  accountId: string;
  label: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Insert a session (token stored hashed). */
export async function insertSession(
  db: Db,
  s: { id: string; tokenHash: string; accountId: string; label: string; authMethod: AuthMethod; now: Date; expiresAt: Date },
): Promise<void> {
  const now = s.now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      token_hash: s.tokenHash,
      account_id: s.accountId,
      label: s.label,
      auth_method: s.authMethod,
      created_at: now,
      last_seen_at: now,
      expires_at: s.expiresAt.toISOString(),
    })
    .execute();
}

/** How a session was signed in. */
export type AuthMethod = 'password' | 'passkey';

/** Record how a session now counts as signed in. */
export async function setSessionAuthMethod(db: Db, sessionId: string, authMethod: AuthMethod): Promise<void> {
  await db.updateTable('sessions').set({ auth_method: authMethod }).where('id', '=', sessionId).execute();
}

/** Find a live session by token hash, with its account's admin flag and whether it has a passkey. */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 's.last_seen_at', 's.expires_at', 's.auth_method', 'a.is_deployment_admin', 'a.language'])
    // Same round trip: the session gate needs it on every request.
    .select((eb) =>
      eb.exists(eb.selectFrom('passkeys as p').select('p.id').whereRef('p.account_id', '=', 's.account_id')).as('has_passkey'),
    )
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      accountId: r.account_id,
      lastSeenAt: toIso(r.last_seen_at),
      expiresAt: toIso(r.expires_at),
      isDeploymentAdmin: toBool(r.is_deployment_admin),
      language: r.language,
      hasPasskey: toBool(r.has_passkey as number | boolean),
      signedInWithPasskey: r.auth_method === 'passkey',
    }
  );
}

/** Record that a session was used. */
export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** An account's sessions, newest first. */
export async function listSessions(db: Db, accountId: string, now: Date): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    label: r.label,
    createdAt: toIso(r.created_at),
    lastSeenAt: toIso(r.last_seen_at),
    expiresAt: toIso(r.expires_at),
  }));
}

/** Delete one of an account's sessions; returns whether it existed. */
export async function deleteSession(db: Db, accountId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Delete every session of an account except one (after a password change). */
export async function deleteOtherSessions(db: Db, accountId: string, keepId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keepId).execute();
}
