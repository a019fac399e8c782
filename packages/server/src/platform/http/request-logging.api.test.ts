import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { fakeClock } from '../clock.ts';
import { Keyring } from '../crypto/keyring.ts';
import { createEventBus } from '../events/event-bus.ts';
import { wireModules } from '../../modules.ts';

describe.each(DIALECTS)('request logs on %s', (dialect) => {
  let t: TestDatabase;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('carry request id, route, status and time, and never a client address, even behind a proxy', async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'info', TRUST_PROXY: '1' });
    // The dialect's own event bus (LISTEN/NOTIFY on PostgreSQL), as in production.
    const keyring = new Keyring(randomBytes(32));
    const events = await createEventBus(t.database, keyring);
    const app = await buildApp(
      { config, database: t.database, keyring, clock: fakeClock(), events, wiring: wireModules() },
      { logger: { stream } },
    );
    const headers = { 'x-forwarded-for': '203.0.113.77', 'user-agent': 'test' };
    await app.inject({ method: 'GET', url: '/healthz', headers, remoteAddress: '198.51.100.9' });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in?who=203.0.113.77',
      headers,
      remoteAddress: '198.51.100.9',
      payload: { email: 'a@b.co', password: 'x' },
    });
    await app.inject({ method: 'GET', url: '/api/v1/nowhere', headers, remoteAddress: '198.51.100.9' });
    await app.close();
    await events.close();
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(3);
    expect(requestLines[1]).toMatchObject({ route: '/api/v1/auth/sign-in', status: 401 });
    expect(typeof requestLines[1].reqId).toBe('string');
    expect(typeof requestLines[1].ms).toBe('number');
    const all = lines.join('\n');
    expect(all).not.toContain('203.0.113.77');
    expect(all).not.toContain('198.51.100.9');
    expect(all).not.toContain('127.0.0.1');
  });
});
