import { hash, verify } from '@node-rs/argon2';

/**
 * The argon2 calls, behind one object so a test can count verifications and prove
 * that an unknown email costs the same work as a wrong password.
 */
export const argon2Backend = { hash, verify };

// OWASP ASVS: argon2id, 19 MiB, 2 passes, 1 lane. Algorithm 2 = Argon2id.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2Backend.hash(password, ARGON2_OPTIONS);
}

/** Check a password against its hash; false (never throws) on a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2Backend.verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spend the same time as a real check when the account does not exist, so
 * response timing does not reveal which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('switchboard-timing-equalizer');
  await verifyPassword(await dummyHash, password);
}
