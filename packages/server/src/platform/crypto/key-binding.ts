import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { Keyring, keyFromPassphrase } from './keyring.ts';

const CHECK_KEY = 'key_check';
const SALT_KEY = 'key_passphrase_salt';

async function getState(db: Kysely<DB>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('system_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

async function putState(db: Kysely<DB>, key: string, value: string): Promise<void> {
  const updated = await db.updateTable('system_state').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('system_state').values({ key, value }).execute();
}

/**
 * Bind a loaded key to this database: the first key used is remembered by a check
 * value (an HMAC, not the key); a different key later is refused, so data is never
 * written under two keys by mistake.
 */
export async function bindKey(db: Kysely<DB>, keyring: Keyring): Promise<'bound' | 'matched' | 'rotated' | 'mismatch'> {
  const check = await getState(db, CHECK_KEY);
  if (!check) {
    await putState(db, CHECK_KEY, keyring.checkValue());
    return 'bound';
  }
  if (keyring.matches(check)) return 'matched';
  // Bound to the previous key: the new key takes over; old fields are re-encrypted next.
  if (keyring.previousKeyrings().some((old) => old.matches(check))) {
    await putState(db, CHECK_KEY, keyring.checkValue());
    return 'rotated';
  }
  return 'mismatch';
}

/** Whether this database's key comes from a passphrase (set up by `keys init --passphrase`). */
export async function usesPassphrase(db: Kysely<DB>): Promise<boolean> {
  return (await getState(db, SALT_KEY)) !== undefined && (await getState(db, CHECK_KEY)) !== undefined;
}

/** Set up passphrase mode: a random salt is stored; the passphrase never is. */
export async function initPassphrase(db: Kysely<DB>, keyring: Keyring, passphrase: string): Promise<void> {
  if (await getState(db, CHECK_KEY)) throw new Error('This database already has a key; rotate instead of re-initializing.');
  const salt = randomBytes(16);
  await putState(db, SALT_KEY, salt.toString('base64'));
  keyring.load(keyFromPassphrase(passphrase, salt));
  await bindKey(db, keyring);
}

/** Try a passphrase; load the key only if it is the one this database was bound to. */
export async function unsealWithPassphrase(db: Kysely<DB>, keyring: Keyring, passphrase: string): Promise<boolean> {
  const salt = await getState(db, SALT_KEY);
  const check = await getState(db, CHECK_KEY);
  if (!salt || !check) return false;
  const candidate = keyFromPassphrase(passphrase, Buffer.from(salt, 'base64'));
  const probe = new Keyring(candidate);
  if (!probe.matches(check)) return false;
  keyring.load(candidate);
  return true;
}
