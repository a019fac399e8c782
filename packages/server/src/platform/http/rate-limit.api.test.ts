import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.ts';

describe.each(DIALECTS)('per-source request limit on %s', (dialect) => {
  let t: TestApp;
  let web: string;
  const get = (url: string, remoteAddress: string) => t.app.inject({ method: 'GET', url, remoteAddress });

  beforeAll(async () => {
    // A built web app of our own, so the test does not depend on whether packages/web was built.
    web = mkdtempSync(join(tmpdir(), 'sb-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Switchboard</title>');
    writeFileSync(join(web, 'assets', 'index.js'), 'console.log(1)');
    t = await createTestApp(dialect, { env: { REQUEST_LIMIT_PER_MINUTE: '5', WEB_DIST: web } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('counts API requests from one source and refuses the one over REQUEST_LIMIT_PER_MINUTE', async () => {
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await get('/api/v1/networks/nowhere/alerts', '192.0.2.10')).statusCode);
    expect(codes.slice(0, 5).every((c) => c !== 429)).toBe(true);
    expect(codes[5]).toBe(429);
    // Another source is not affected.
    expect((await get('/api/v1/networks/nowhere/alerts', '192.0.2.11')).statusCode).not.toBe(429);
  });

  it('does not count the web app’s own files and page shell, so opening the app never uses up the API', async () => {
    for (let i = 0; i < 20; i++)
      expect((await get(i % 2 ? '/assets/index.js' : '/n/twin-cities/shifts', '192.0.2.20')).statusCode).toBe(200);
    expect((await get('/api/v1/networks/nowhere/alerts', '192.0.2.20')).statusCode).not.toBe(429);
  });
});
