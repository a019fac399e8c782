import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.ts';
import { boxKeyPair, intakeKeyPair, openBox, sealedToKeyId, sealTo } from './sealed-box.ts';

describe('sealed box', () => {
  it('opens only with the private half derived from the same master key', () => {
    const master = randomBytes(32);
    const pair = intakeKeyPair(new Keyring(master));
    const box = sealTo(pair.publicKey, 'Two vans at Lake St, call +16125550101');
    expect(box).not.toContain('Lake');
    expect(sealedToKeyId(box)).toBe(pair.keyId);
    // The same master key gives the same pair (after a restart the queue still opens).
    expect(openBox(intakeKeyPair(new Keyring(Buffer.from(master))), box)).toBe('Two vans at Lake St, call +16125550101');
    expect(() => openBox(intakeKeyPair(new Keyring(randomBytes(32))), box)).toThrow();
  });

  it('each box has its own ephemeral key; tampering is refused', () => {
    const pair = boxKeyPair(randomBytes(32));
    const a = sealTo(pair.publicKey, 'same');
    const b = sealTo(pair.publicKey, 'same');
    expect(a).not.toBe(b);
    const raw = Buffer.from(a.split('.')[2], 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => openBox(pair, `sb1.${pair.keyId}.${raw.toString('base64url')}`)).toThrow();
  });

  it('a sealed keyring has no private half', () => {
    expect(() => intakeKeyPair(new Keyring())).toThrow(expect.objectContaining({ code: 'sealed' }));
  });
});
