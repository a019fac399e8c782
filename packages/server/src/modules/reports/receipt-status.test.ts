import { describe, expect, it } from 'vitest';
import { toE164 } from './callback-number.ts';
import { newReceiptCode } from './receipt-code.ts';
import { normalizeReceiptCode } from './receipt-status.ts';

describe('receipt codes as people type them', () => {
  it('reads any case, spaces, dashes and the look-alike letters as the stored code', () => {
    expect(normalizeReceiptCode('k7qf 2mxa')).toBe('K7QF-2MXA');
    expect(normalizeReceiptCode(' K7QF–2MXA ')).toBe('K7QF-2MXA');
    expect(normalizeReceiptCode('ABOI-L000')).toBe('AB01-1000');
    for (let i = 0; i < 50; i++) {
      const code = newReceiptCode();
      expect(normalizeReceiptCode(code.toLowerCase())).toBe(code);
    }
  });

  it('refuses what cannot be a code: wrong length, U, symbols', () => {
    for (const bad of ['', 'K7QF-2MX', 'K7QF-2MXAB', 'UUUU-UUUU', 'K7QF_2MXA', '<script>', 'K7QF-2MX%'])
      expect(normalizeReceiptCode(bad), bad).toBeUndefined();
  });
});

describe('callback numbers', () => {
  it('reads national numbers in the network’s country and + numbers anywhere', () => {
    expect(toE164('612-555-0100', 'US')).toBe('+16125550100');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('+52 55 1234 5678', 'US')).toBe('+525512345678');
    expect(toE164('020 7946 0958', 'US')).toBeUndefined();
    expect(toE164('612 555 0100 after 6pm', 'US')).toBeUndefined();
  });
});
