import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app.ts';

// With JavaScript off, the app's public alert page must not say it is for signed-in work.
describe('the web app page without script', () => {
  let t: TestApp;
  let dist: string;
  const built = `<!doctype html><html lang="en"><head><title>Switchboard</title><script type="module" src="/assets/app-Ab12.js"></script></head><body><div id="root"></div><noscript>Switchboard needs JavaScript for signed-in work.</noscript></body></html>`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    writeFileSync(join(dist, 'index.html'), built);
    t = await createTestApp('sqlite', { env: { WEB_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('on the public alert page, points to the plain alert list in the reader’s language', async () => {
    const res = await t.app.inject({ url: '/n/alpha/alerts', headers: { 'accept-language': 'ar,en;q=0.5' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).not.toContain('signed-in work');
    expect(res.body).toContain('<noscript><div lang="ar" dir="rtl">');
    expect(res.body).toContain('<a href="/r/alpha/alerts?lang=ar">التنبيهات الحالية</a>');
    // The app itself is untouched: its script still loads.
    expect(res.body).toContain('<script type="module" src="/assets/app-Ab12.js"></script>');
    const es = await t.app.inject({ url: '/n/alpha/alerts?lang=es' });
    expect(es.body).toContain('<a href="/r/alpha/alerts?lang=es">Alertas actuales</a>');
  });

  it('elsewhere keeps the signed-in text', async () => {
    for (const url of ['/n/alpha/dispatch', '/n/alpha/alerts/extra', '/']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('Switchboard needs JavaScript for signed-in work.');
    }
  });
});
