import { describe, expect, it } from 'vitest';
import { fakeClock } from '../clock.ts';
import { LocalEventBus } from '../events/event-bus.ts';
import { solveForTest as solve } from './challenge.fixtures.ts';
import { asciiDigits, ChallengeService } from './challenge.ts';
import { FloodGuard } from './flood-guard.ts';
import { createKeyedLimiter } from './keyed-limiter.ts';
import type { BusEvent } from '../events/event-bus.ts';

describe('flood guard', () => {
  it('switches on above the threshold within the window, and off after the hold time', () => {
    const clock = fakeClock();
    const guard = new FloodGuard(clock, { threshold: 3, windowMs: 60_000, holdMs: 120_000 });
    for (let i = 0; i < 3; i++) guard.record('n1');
    expect(guard.isFlooded('n1')).toBe(false);
    guard.record('n1');
    expect(guard.isFlooded('n1')).toBe(true);
    expect(guard.isFlooded('n2')).toBe(false);
    clock.advance(119_000);
    expect(guard.isFlooded('n1')).toBe(true);
    clock.advance(2_000);
    expect(guard.isFlooded('n1')).toBe(false);
  });

  it('does not count reports spread over more than a window', () => {
    const clock = fakeClock();
    const guard = new FloodGuard(clock, { threshold: 3, windowMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      guard.record('n1');
      clock.advance(30_000);
    }
    expect(guard.isFlooded('n1')).toBe(false);
  });

  it('counts only the last window under a high threshold, across many reports (times skipped, not copied)', () => {
    const clock = fakeClock();
    const guard = new FloodGuard(clock, { threshold: 3000, windowMs: 60_000 });
    for (let i = 0; i < 2500; i++) guard.record('n1');
    clock.advance(61_000);
    // The first 2,500 are out of the window: 2,500 more stay under 3,000.
    for (let i = 0; i < 2500; i++) guard.record('n1');
    expect(guard.isFlooded('n1')).toBe(false);
    clock.advance(1_000);
    for (let i = 0; i < 500; i++) guard.record('n1');
    expect(guard.isFlooded('n1')).toBe(false);
    guard.record('n1');
    expect(guard.isFlooded('n1')).toBe(true);
  });

  it('counts report.created events of a watched network from any door', async () => {
    const bus = new LocalEventBus();
    // Only the type counts here: empty bodies keep the test about counting.
    const bare = (type: 'report.created' | 'incident.updated') => ({ type, networkId: 'n1', data: {} }) as unknown as BusEvent;
    const guard = new FloodGuard(fakeClock(), { threshold: 1 });
    guard.watch(bus, 'n1');
    guard.watch(bus, 'n1');
    await bus.publish(bare('report.created'));
    await bus.publish(bare('incident.updated'));
    expect(guard.isFlooded('n1')).toBe(false);
    await bus.publish(bare('report.created'));
    expect(guard.isFlooded('n1')).toBe(true);
    guard.close();
  });
});

describe('keyed limiter', () => {
  it('limits each source separately and forgets them after the window', () => {
    const clock = fakeClock();
    const limiter = createKeyedLimiter(clock, { max: 2, windowMs: 60_000 });
    expect([limiter.hit('+1612'), limiter.hit('+1612'), limiter.hit('+1612')]).toEqual([true, true, false]);
    expect(limiter.hit('+1651')).toBe(true);
    clock.advance(60_000);
    expect(limiter.hit('+1612')).toBe(true);
  });
});

describe('challenge', () => {
  const secret = () => 'test-secret';

  it('accepts a solved challenge once, for its own network, before it expires', async () => {
    const clock = fakeClock();
    const service = new ChallengeService(clock, secret, { maxNumber: 2000 });
    const payload = await solve(await service.issue('n1'));
    expect(await service.verify('n2', payload)).toBe(false);
    expect(await service.verify('n1', payload)).toBe(true);
    expect(await service.verify('n1', payload)).toBe(false);

    const late = await solve(await service.issue('n1'));
    clock.advance(11 * 60_000);
    expect(await service.verify('n1', late)).toBe(false);
  });

  it('refuses forged or garbled payloads', async () => {
    const service = new ChallengeService(fakeClock(), secret, { maxNumber: 2000 });
    const c = await service.issue('n1');
    const forged = Buffer.from(JSON.stringify({ ...c, number: 1, signature: 'x'.repeat(64) })).toString('base64');
    expect(await service.verify('n1', forged)).toBe(false);
    expect(await service.verify('n1', 'not base64 json')).toBe(false);
    expect(await service.verify('n1', undefined)).toBe(false);
    const other = new ChallengeService(fakeClock(), () => 'another-secret', { maxNumber: 2000 });
    expect(await other.verify('n1', await solve(c))).toBe(false);
  });

  it('the no-JavaScript answer works once, not too fast, and in Arabic-Indic digits too', () => {
    const clock = fakeClock();
    const service = new ChallengeService(clock, secret);
    const q = service.question('n1');
    expect(service.checkAnswer('n1', q.token, q.digits)).toBe(false);
    clock.advance(6_000);
    expect(service.checkAnswer('n1', q.token, '0000')).toBe(false);
    expect(service.checkAnswer('n2', q.token, q.digits)).toBe(false);
    const arabic = q.digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    expect(service.checkAnswer('n1', q.token, arabic)).toBe(true);
    expect(service.checkAnswer('n1', q.token, q.digits)).toBe(false);
    expect(asciiDigits('۱۲ 3٤')).toBe('1234');
  });
});
