import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../errors.ts';

/**
 * Purposes a field key can be derived for; each gets its own HKDF-derived key. `report`: what
 * a report says; `person`: members' emails and names; `sealed-intake`: the private half of
 * the key that reports arriving while sealed are encrypted to.
 */
export type KeyPurpose =
  | 'contact'
  | 'address'
  | 'report'
  | 'person'
  | 'case'
  | 'evidence'
  | 'lookup'
  | 'check'
  | 'audit-checkpoint'
  | 'sealed-intake'
  /** Live events between app processes, sealed before PostgreSQL's NOTIFY queue (which spills to disk). */
  | 'event-bus';

const VERSION = 'v1';
const MASTER_KEY_BYTES = 32;

/**
 * Holds the master key in memory only, derives one key per purpose (HKDF-SHA256)
 * and seals/opens fields with AES-256-GCM. Without a master key it is "sealed":
 * every encrypt/decrypt throws `sealed`, so nothing sensitive can be read.
 */
export class Keyring {
  private master: Buffer | undefined;
  private readonly derived = new Map<string, Buffer>();
  /** Keyrings of earlier master keys, by key id, kept only to read fields not yet re-encrypted. */
  private readonly previous = new Map<string, Keyring>();

  constructor(master?: Buffer) {
    if (master) this.load(master);
  }

  /** Also accept fields encrypted under an earlier master key (during rotation). */
  addPrevious(master: Buffer): void {
    const old = new Keyring(master);
    if (old.keyId !== this.keyId) this.previous.set(old.keyId, old);
  }

  /** Whether a field was encrypted under the current key (rotation is done with it). */
  isCurrent(sealedText: string): boolean {
    return Keyring.keyIdOf(sealedText) === this.keyId;
  }

  /** The earlier keyrings, to check a database bound to one of them. */
  previousKeyrings(): Keyring[] {
    return [...this.previous.values()];
  }

  /** True while no master key is loaded. */
  get sealed(): boolean {
    return this.master === undefined;
  }

  /** A short public id of the loaded key (first bytes of an HMAC), to tag ciphertexts for rotation. */
  get keyId(): string {
    return this.deriveKey('check').subarray(0, 4).toString('hex');
  }

  /** Load a 32-byte master key. */
  load(master: Buffer): void {
    if (master.length !== MASTER_KEY_BYTES) throw new Error('Master key must be 32 bytes');
    this.master = Buffer.from(master);
    this.derived.clear();
  }

  /** Forget the key (e.g. on shutdown). */
  seal(): void {
    this.master?.fill(0);
    this.master = undefined;
    this.derived.clear();
    for (const old of this.previous.values()) old.seal();
    this.previous.clear();
  }

  private deriveKey(purpose: KeyPurpose): Buffer {
    if (!this.master) throw new AppError('sealed', 503);
    let key = this.derived.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `switchboard:${purpose}`, 32));
      this.derived.set(purpose, key);
    }
    return key;
  }

  /** Encrypt a field. The purpose is bound as associated data, so a ciphertext cannot be moved between purposes. */
  encrypt(purpose: KeyPurpose, plaintext: string): string {
    const key = this.deriveKey(purpose);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${VERSION}.${this.keyId}.${blob}`;
  }

  /** Decrypt a field made by `encrypt`. Throws on tampering or a wrong key. */
  decrypt(purpose: KeyPurpose, sealedText: string): string {
    const [version, keyId, blob] = sealedText.split('.');
    if (version !== VERSION || !blob) throw new Error('Unknown ciphertext format');
    const older = this.previous.get(keyId);
    if (older && keyId !== this.keyId) return older.decrypt(purpose, sealedText);
    const raw = Buffer.from(blob, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.deriveKey(purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Which key encrypted a field (for background re-encryption after rotation). */
  static keyIdOf(sealedText: string): string | undefined {
    return sealedText.split('.')[1];
  }

  /** A keyed hash for lookups on encrypted values (e.g. blocklists) without storing them. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.deriveKey('lookup')).update(value).digest('hex');
  }

  /** HMAC-SHA256 of an audit checkpoint under its own derived key (HKDF info `switchboard:audit-checkpoint`). */
  auditCheckpointMac(message: string): string {
    return createHmac('sha256', this.deriveKey('audit-checkpoint')).update(message).digest('hex');
  }

  /**
   * The private half of the sealed-intake key pair: 32 bytes (an X25519 scalar) derived
   * from the master key under HKDF purpose `sealed-intake` (see sealed-box.ts). Throws
   * `sealed` without a key: a sealed server can encrypt to the public half, never open.
   */
  sealedIntakePrivateKey(): Buffer {
    return Buffer.from(this.deriveKey('sealed-intake'));
  }

  /** A value stored in the database that proves a later key is the same one, without revealing it. */
  checkValue(): string {
    return createHmac('sha256', this.deriveKey('check')).update('switchboard-key-check').digest('hex');
  }

  /** Compare against a stored check value in constant time. */
  matches(check: string): boolean {
    const mine = Buffer.from(this.checkValue(), 'hex');
    const theirs = Buffer.from(check, 'hex');
    return mine.length === theirs.length && timingSafeEqual(mine, theirs);
  }
}

/** Create a new random master key file readable only by its owner. */
export function writeNewKeyFile(path: string): void {
  writeFileSync(path, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
}

/** Read a master key file (base64 of 32 bytes). */
export function readKeyFile(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`Key file ${path} does not hold a 32-byte base64 key`);
  return key;
}

/** Derive a master key from a passphrase (scrypt, N=2^15) and a per-deployment salt. */
export function keyFromPassphrase(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase.normalize('NFKC'), salt, MASTER_KEY_BYTES, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}
