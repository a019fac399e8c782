import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/**
 * A sealed box (decision 0016): anyone holding the public key can encrypt; only the holder
 * of the private key can open. Ephemeral X25519 → ECDH → HKDF-SHA256 → AES-256-GCM, all
 * node:crypto. The ephemeral public key and the recipient's are bound into the key
 * derivation and the associated data, so a box cannot be re-targeted or its parts swapped.
 *
 * Format: `sb1.<recipient key id>.<base64url(ephemeral public 32 | iv 12 | tag 16 | ciphertext)>`.
 */

const VERSION = 'sb1';
// DER prefixes of a raw X25519 key (RFC 8410): PKCS#8 for the private, SPKI for the public half.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const INFO = 'switchboard:sealed-box';

/** An X25519 key pair: the private key object and the raw 32-byte public key. */
export interface BoxKeyPair {
  privateKey: KeyObject;
  publicKey: Buffer;
  /** Short public id of the public key (hex), to tell which pair a box was sealed to. */
  keyId: string;
}

const rawPublic = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
const importPublic = (raw: Buffer) => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

/** The public id of a raw public key: the first 8 bytes of its SHA-256, hex. */
export function boxKeyId(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest().subarray(0, 8).toString('hex');
}

/** The key pair whose private half is these 32 bytes. */
export function boxKeyPair(secret: Buffer): BoxKeyPair {
  if (secret.length !== 32) throw new Error('An X25519 private key is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  const publicKey = rawPublic(createPublicKey(privateKey));
  return { privateKey, publicKey, keyId: boxKeyId(publicKey) };
}

/** The sealed-intake key pair of a keyring's master key (throws `sealed` without one). */
export function intakeKeyPair(keyring: Keyring): BoxKeyPair {
  const secret = keyring.sealedIntakePrivateKey();
  try {
    return boxKeyPair(secret);
  } finally {
    secret.fill(0);
  }
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** Seal a text to a raw public key. */
export function sealTo(publicKey: Buffer, plaintext: string): string {
  if (publicKey.length !== 32) throw new Error('An X25519 public key is 32 bytes');
  const eph = generateKeyPairSync('x25519');
  const ephPublic = rawPublic(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: importPublic(publicKey) });
  const key = boxKey(shared, ephPublic, publicKey);
  shared.fill(0);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([Buffer.from(VERSION), ephPublic, publicKey]));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  key.fill(0);
  const blob = Buffer.concat([ephPublic, iv, cipher.getAuthTag(), body]).toString('base64url');
  return `${VERSION}.${boxKeyId(publicKey)}.${blob}`;
}

/** Which public key a box was sealed to (its key id), or undefined for something else. */
export function sealedToKeyId(sealed: string): string | undefined {
  const [version, keyId] = sealed.split('.');
  return version === VERSION ? keyId : undefined;
}

/** Open a box with the pair it was sealed to. Throws on tampering or the wrong pair. */
export function openBox(pair: BoxKeyPair, sealed: string): string {
  const [version, keyId, blob] = sealed.split('.');
  if (version !== VERSION || !blob) throw new Error('Unknown sealed box format');
  if (keyId !== pair.keyId) throw new Error('Sealed to another key');
  const raw = Buffer.from(blob, 'base64url');
  const ephPublic = raw.subarray(0, 32);
  const shared = diffieHellman({ privateKey: pair.privateKey, publicKey: importPublic(ephPublic) });
  const key = boxKey(shared, ephPublic, pair.publicKey);
  shared.fill(0);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(32, 44));
  decipher.setAAD(Buffer.concat([Buffer.from(VERSION), ephPublic, pair.publicKey]));
  decipher.setAuthTag(raw.subarray(44, 60));
  try {
    return Buffer.concat([decipher.update(raw.subarray(60)), decipher.final()]).toString('utf8');
  } finally {
    key.fill(0);
  }
}
