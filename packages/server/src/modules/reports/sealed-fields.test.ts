import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../../platform/crypto/keyring.ts';
import { openDetail, openPoint, sealDetail, sealPoint } from './sealed-fields.ts';

describe('sealed fields', () => {
  it('round-trips a point exactly, and reads a legacy plain one', () => {
    const k = new Keyring(randomBytes(32));
    const p = { lat: 44.948612, lng: -93.252634 };
    const sealed = sealPoint(k, p)!;
    expect(sealed).not.toContain('44.9');
    expect(openPoint(k, sealed)).toEqual(p);
    expect(openPoint(k, sealed)).toEqual(p);
    expect(openPoint(k, null, { lat: 1.5, lng: 2.5 })).toEqual({ lat: 1.5, lng: 2.5 });
    expect(openPoint(k, null, { lat: null, lng: null })).toBeNull();
  });

  it('opens no point once sealed, not even one opened before', () => {
    const k = new Keyring(randomBytes(32));
    const sealed = sealPoint(k, { lat: 1, lng: 2 })!;
    expect(openPoint(k, sealed)).toEqual({ lat: 1, lng: 2 });
    k.seal();
    expect(() => openPoint(k, sealed)).toThrow(expect.objectContaining({ code: 'sealed' }));
  });

  it('keeps a timeline detail’s place fields sealed beside the plain ones', () => {
    const k = new Keyring(randomBytes(32));
    const { detail, detailEnc } = sealDetail(k, { place: 'Lake & Chicago', area: 'Phillips', from: '3012 Bloomington' }, [
      'place',
      'from',
    ]);
    expect(detail).toEqual({ area: 'Phillips' });
    expect(detailEnc).not.toContain('Lake');
    expect(openDetail(k, detail, detailEnc)).toEqual({ area: 'Phillips', place: 'Lake & Chicago', from: '3012 Bloomington' });
    expect(openDetail(k, { a: 1 }, null)).toEqual({ a: 1 });
  });
});
