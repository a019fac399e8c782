import { describe, expect, it } from 'vitest';
import { phoneOf } from './contact.ts';

describe('phoneOf (Call and Send a text for SMS-only requesters)', () => {
  it('reads phone numbers as people type them', () => {
    expect(phoneOf('+1 612 555 0147')).toBe('+16125550147');
    expect(phoneOf('(612) 555-0147')).toBe('6125550147');
    expect(phoneOf('612.555.0147')).toBe('6125550147');
  });

  it('offers no link for anything else', () => {
    expect(phoneOf('familia.herrera.demo@example.org')).toBeNull();
    expect(phoneOf('ask for Amina at the door')).toBeNull();
    expect(phoneOf('12345')).toBeNull();
  });
});
