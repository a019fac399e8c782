/** Passkeys and the one-time challenges their ceremonies use. */
import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A stored passkey. */
export interface PasskeyRow {
  id: string;
  accountId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
}

/** An account's passkeys. */
export async function listPasskeys(db: Db, accountId: string): Promise<PasskeyRow[]> {
  const rows = await db.selectFrom('passkeys').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
  return rows.map(toPasskey);
}

/** Find a passkey by its WebAuthn credential id. */
export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  const r = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return r && toPasskey(r);
}

function toPasskey(r: DB['passkeys']): PasskeyRow {
  return {
    id: r.id,
    accountId: r.account_id,
    credentialId: r.credential_id,
    publicKey: r.public_key,
    counter: Number(r.counter),
    transports: fromJson(r.transports),
    name: r.name,
    createdAt: toIso(r.created_at),
  };
}

/** Store a new passkey. */
export async function insertPasskey(db: Db, p: Omit<PasskeyRow, 'createdAt'> & { now: Date }): Promise<void> {
  await db
    .insertInto('passkeys')
    .values({
      id: p.id,
      account_id: p.accountId,
      credential_id: p.credentialId,
      public_key: p.publicKey,
      counter: p.counter,
      transports: JSON.stringify(p.transports),
      name: p.name,
      created_at: p.now.toISOString(),
    })
    .execute();
}

/** Update a passkey's signature counter after use. */
export async function updatePasskeyCounter(db: Db, id: string, counter: number): Promise<void> {
  await db.updateTable('passkeys').set({ counter }).where('id', '=', id).execute();
}

/** Delete one of an account's passkeys. */
export async function deletePasskey(db: Db, accountId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('passkeys').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Store a WebAuthn challenge (single use, short-lived). */
export async function insertChallenge(
  db: Db,
  c: { id: string; challenge: string; purpose: string; accountId: string | null; payload: unknown; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('auth_challenges')
    .values({
      id: c.id,
      challenge: c.challenge,
      purpose: c.purpose,
      account_id: c.accountId,
      payload: JSON.stringify(c.payload),
      expires_at: c.expiresAt.toISOString(),
    })
    .execute();
}

/** Take (read and delete) a challenge, so it can be used once. */
export async function takeChallenge(db: Db, id: string, purpose: string, now: Date) {
  const r = await db
    .selectFrom('auth_challenges')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!r) return undefined;
  await db.deleteFrom('auth_challenges').where('id', '=', id).execute();
  if (toIso(r.expires_at) <= now.toISOString()) return undefined;
  return { challenge: r.challenge, accountId: r.account_id, payload: fromJson<Record<string, unknown>>(r.payload) };
}
