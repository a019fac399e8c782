import { randomBytes, scrypt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { readState, writeState } from '../../platform/state/system-state.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Login emails are compared trimmed and lower-cased (as the shared Email schema normalizes them). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The blind index stored in `accounts.email_lookup`: a keyed HMAC of the normalized email,
 * tagged with the key's id so that after a key rotation the stale ones can be found and redone.
 */
export function emailLookup(keyring: Keyring, email: string): string {
  return `${keyring.keyId}.${keyring.lookupHash(`email:${normalizeEmail(email)}`)}`;
}

/** The index under the current key and, mid-rotation, under the previous one. */
export function emailLookups(keyring: Keyring, email: string): string[] {
  return [keyring, ...keyring.previousKeyrings()].map((k) => emailLookup(k, email));
}

const SALT_KEY = 'sealed_sign_in_salt';

/**
 * The slow salted hash a deployment admin's email is also kept under, so they can sign in while
 * the server is sealed (docs/decisions/0015). scrypt N=2^15, a per-deployment salt in
 * system_state (made on first use). Undefined while no salt exists and `create` is false.
 */
export async function sealedEmailHash(db: Db, email: string, create = false): Promise<string | undefined> {
  let salt = await readState(db, SALT_KEY);
  if (!salt) {
    if (!create) return undefined;
    salt = randomBytes(16).toString('base64');
    await writeState(db, SALT_KEY, salt);
  }
  const key = await new Promise<Buffer>((res, rej) =>
    scrypt(
      normalizeEmail(email),
      Buffer.from(salt, 'base64'),
      32,
      { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
      (e, k) => (e ? rej(e) : res(k)),
    ),
  );
  return key.toString('base64url');
}

/**
 * A ciphertext column read back: the plaintext column when it still holds the value (a row from
 * before encryption, or written while sealed), else the decrypted one; '' while sealed, so the
 * few things a sealed server shows (an admin's own /me) do not fail on it.
 */
export function revealPerson(keyring: Keyring, plain: string | null, enc: string | null): string {
  if (plain !== null) return plain;
  if (enc === null || keyring.sealed) return '';
  return keyring.decrypt('person', enc);
}
