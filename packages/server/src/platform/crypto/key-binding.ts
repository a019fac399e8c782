import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readState, writeState } from '../state/system-state.ts';
import { Keyring, keyFromPassphrase } from './keyring.ts';

const CHECK_KEY = 'key_check';
const SALT_KEY = 'key_passphrase_salt';

/**
 * Bind a loaded key to this database: the first key used is remembered by a check
 * value (an HMAC, not the key); a different key later is refused, so data is never
 * written under two keys by mistake.
 */
export async function bindKey(db: Kysely<DB>, keyring: Keyring): Promise<'bound' | 'matched' | 'rotated' | 'mismatch'> {
  const check = await readState(db, CHECK_KEY);
  if (!check) {
    await writeState(db, CHECK_KEY, keyring.checkValue());
    return 'bound';
  }
  if (keyring.matches(check)) return 'matched';
  // Bound to the previous key: the new key takes over; old fields are re-encrypted next.
  if (keyring.previousKeyrings().some((old) => old.matches(check))) {
    await writeState(db, CHECK_KEY, keyring.checkValue());
    return 'rotated';
  }
  return 'mismatch';
}

/** Whether the loaded key (or the previous one, mid-rotation) is this database's, without changing anything. */
export async function keyMatches(db: Kysely<DB>, keyring: Keyring): Promise<boolean> {
  const check = await readState(db, CHECK_KEY);
  if (!check) return false;
  return keyring.matches(check) || keyring.previousKeyrings().some((old) => old.matches(check));
}

/** Whether this database's key comes from a passphrase (set up by `keys init --passphrase`). */
export async function usesPassphrase(db: Kysely<DB>): Promise<boolean> {
  return (await readState(db, SALT_KEY)) !== undefined && (await readState(db, CHECK_KEY)) !== undefined;
}

/** Set up passphrase mode: a random salt is stored; the passphrase never is. */
export async function initPassphrase(db: Kysely<DB>, keyring: Keyring, passphrase: string): Promise<void> {
  if (await readState(db, CHECK_KEY)) throw new Error('This database already has a key; rotate instead of re-initializing.');
  const salt = randomBytes(16);
  await writeState(db, SALT_KEY, salt.toString('base64'));
  keyring.load(keyFromPassphrase(passphrase, salt));
  await bindKey(db, keyring);
}

/** Try a passphrase; load the key only if it is the one this database was bound to. */
export async function unsealWithPassphrase(db: Kysely<DB>, keyring: Keyring, passphrase: string): Promise<boolean> {
  const salt = await readState(db, SALT_KEY);
  const check = await readState(db, CHECK_KEY);
  if (!salt || !check) return false;
  const candidate = keyFromPassphrase(passphrase, Buffer.from(salt, 'base64'));
  const probe = new Keyring(candidate);
  if (!probe.matches(check)) return false;
  keyring.load(candidate);
  return true;
}
