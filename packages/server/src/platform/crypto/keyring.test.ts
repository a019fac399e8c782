import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyring, keyFromPassphrase, readKeyFile, writeNewKeyFile } from './keyring.ts';

describe('Keyring', () => {
  it('round-trips a field and never leaves the plaintext in the ciphertext', () => {
    const k = new Keyring(randomBytes(32));
    const sealed = k.encrypt('contact', '+1 612 555 0100');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain('555');
    expect(k.decrypt('contact', sealed)).toBe('+1 612 555 0100');
  });

  it('uses a fresh IV each time', () => {
    const k = new Keyring(randomBytes(32));
    expect(k.encrypt('case', 'same')).not.toBe(k.encrypt('case', 'same'));
  });

  it('refuses a ciphertext moved to another purpose, edited, or opened with another key', () => {
    const k = new Keyring(randomBytes(32));
    const sealed = k.encrypt('contact', 'secret');
    expect(() => k.decrypt('address', sealed)).toThrow();
    const [v, id, blob] = sealed.split('.');
    const raw = Buffer.from(blob, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => k.decrypt('contact', `${v}.${id}.${raw.toString('base64url')}`)).toThrow();
    expect(() => new Keyring(randomBytes(32)).decrypt('contact', sealed)).toThrow();
  });

  it('is sealed without a key: encrypt and decrypt throw the sealed error', () => {
    const k = new Keyring();
    expect(k.sealed).toBe(true);
    expect(() => k.encrypt('contact', 'x')).toThrow(expect.objectContaining({ code: 'sealed' }));
    k.load(randomBytes(32));
    expect(k.sealed).toBe(false);
    k.seal();
    expect(() => k.decrypt('contact', 'v1.x.y')).toThrow(expect.objectContaining({ code: 'sealed' }));
  });

  it('derives the same key from the same passphrase and salt only', () => {
    const salt = randomBytes(16);
    const a = new Keyring(keyFromPassphrase('correct horse battery staple', salt));
    const b = new Keyring(keyFromPassphrase('correct horse battery staple', salt));
    const c = new Keyring(keyFromPassphrase('correct horse battery stapler', salt));
    expect(b.matches(a.checkValue())).toBe(true);
    expect(c.matches(a.checkValue())).toBe(false);
  });

  it('writes a key file readable only by its owner, and reads it back', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-key-')), 'master.key');
    writeNewKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readKeyFile(path)).toHaveLength(32);
    expect(() => writeNewKeyFile(path)).toThrow();
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('makes lookup hashes that are stable per key and differ across keys', () => {
    const key = randomBytes(32);
    expect(new Keyring(key).lookupHash('+16125550100')).toBe(new Keyring(key).lookupHash('+16125550100'));
    expect(new Keyring(randomBytes(32)).lookupHash('+16125550100')).not.toBe(new Keyring(key).lookupHash('+16125550100'));
  });
});
