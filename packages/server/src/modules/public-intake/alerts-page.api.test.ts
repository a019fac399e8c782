import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';

const demoFile = (name: string) => readFileSync(new URL(`../../demo/gazetteer/${name}`, import.meta.url), 'utf8');

// Neighbours without JavaScript still read the current alerts, by area and place name only.
describe.each(DIALECTS)('public alert list without script on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let dispatcher: string;
  const as = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const page = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    [admin, dispatcher] = await Promise.all([signIn(t.app, f.accounts.admin.email), signIn(t.app, f.accounts.dispatcher.email)]);
    for (const [file, kind] of [
      ['minneapolis-neighborhoods.geojson', 'landmark'],
      ['minneapolis-corners.geojson', 'intersection'],
    ] as const) {
      const res = await as(admin, 'POST', '/api/v1/networks/alpha/places/import', { geojson: demoFile(file), kind });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('404 for an unknown network; the network’s switch off says so, as the app does', async () => {
    expect((await page('/r/nowhere/alerts')).statusCode).toBe(404);
    const off = await page('/r/alpha/alerts?lang=es');
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain('<p id="alerts-off">Esta red no ha activado la página pública de alertas.</p>');
    expect(off.body).not.toContain('id="alerts"');
  });

  it('switched on, lists a verified alert by area and place in words, in the language, Arabic right to left', async () => {
    await as(admin, 'PATCH', '/api/v1/networks/alpha/settings', { rapidResponse: { publicAlertMap: true } });
    expect((await page('/r/alpha/alerts?lang=en')).body).toContain('<p id="alerts-none">No alerts right now.</p>');

    // Typed, not pinned: the corner is placed from its words.
    for (const where of ['Lake St and Chicago Ave', 'Lake St & Chicago Ave']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/r/alpha',
        payload: new URLSearchParams({ lang: 'en', category: 'checkpoint', where }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r.statusCode).toBe(200);
    }
    const incident = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents[0];
    const verified = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: incident.version,
    });
    expect(verified.statusCode, verified.body).toBe(200);

    const es = await page('/r/alpha/alerts?lang=es');
    expect(es.statusCode).toBe(200);
    expect(es.headers['cache-control']).toBe('no-store');
    expect(es.body).toContain('<ul class="alerts" id="alerts">');
    expect(es.body).toContain('<strong>Confirmado</strong>: Retén o punto de control');
    expect(es.body).toContain('Phillips West<br>Cerca de Lake St &amp; Chicago Ave');
    expect(es.body).toContain('class="exit"');
    // No coordinates and no cell code leave in the page.
    expect(es.body).not.toMatch(/44\.\d{3}|-93\.\d{3}/);
    expect(es.body).not.toMatch(/\b8[0-9a-f]{14}\b/);

    const ar = await page('/r/alpha/alerts?lang=ar');
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('<strong>مؤكد</strong>');
    expect(ar.body).toContain('قرب Lake St &amp; Chicago Ave');
  });
});
