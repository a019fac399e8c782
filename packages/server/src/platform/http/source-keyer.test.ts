import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { fakeClock } from '../clock.ts';
import { createSourceKeyer } from './security.ts';

const from = (ip: string) => ({ ip }) as FastifyRequest;

describe('rate-limit source key', () => {
  it('is stable for one address through a UTC day, differs between addresses and never contains the address', () => {
    const clock = fakeClock(new Date('2026-11-29T00:00:00Z'));
    const key = createSourceKeyer(() => clock.now());
    const morning = key(from('203.0.113.7'));
    clock.advance(23 * 3600_000 + 59 * 60_000);
    expect(key(from('203.0.113.7'))).toBe(morning);
    expect(key(from('203.0.113.8'))).not.toBe(morning);
    expect(morning).not.toContain('203');
    expect(morning).toMatch(/^[\w-]{22}$/);
  });

  it('changes at UTC midnight, so one day cannot be linked to the next, and again if the clock goes back', () => {
    const clock = fakeClock(new Date('2026-11-29T23:59:59Z'));
    const key = createSourceKeyer(() => clock.now());
    const before = key(from('203.0.113.7'));
    clock.advance(2_000);
    const after = key(from('203.0.113.7'));
    expect(after).not.toBe(before);
    expect(key(from('203.0.113.7'))).toBe(after);
    clock.set(new Date('2026-11-29T12:00:00Z'));
    expect(key(from('203.0.113.7'))).not.toBe(after);
  });
});
