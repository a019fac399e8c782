// The self-hosted vector basemap: a server started with BASEMAP_PMTILES draws a street
// map with MapLibre under the same keyboard-reachable markers, reading the one file by
// byte range from its own origin; without WebGL the outline map stays; and screens
// without a map never download MapLibre.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, apiAs, checkA11y, fileReport, json, launch, signIn, somewhere } from './helpers.mjs';
import { tileOf, writeTinyBasemap } from './pmtiles-fixture.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';
const MAPLIBRE = /VectorBasemap-|maplibre-gl/;
// The one vector tile of the test file; a report inside it, just east of its lake and north of its avenue, both in view at the first zoom.
const TILE = tileOf(44.95, -93.3, 10);
const mercatorLat = (y) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
const INSIDE = { lat: mercatorLat((TILE.y + 0.485) / 2 ** TILE.z), lng: ((TILE.x + 0.35) / 2 ** TILE.z) * 360 - 180 };
// Another place in the tile, kilometres away, so the public page's report is not merged into the console's incident.
const ELSEWHERE = { lat: mercatorLat((TILE.y + 0.2) / 2 ** TILE.z), lng: ((TILE.x + 0.8) / 2 ** TILE.z) * 360 - 180 };

/** How many pixels of an element's screenshot are within a few levels of a colour (decoded by the browser itself). */
async function pixelsNear(page, locator, [r, g, b]) {
  const png = (await locator.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, r, g, b }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) n++;
      return n;
    },
    { png, r, g, b },
  );
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

let run;
let server;
let tmp;
let base;
before(async () => {
  run = await launch();
  tmp = mkdtempSync(join(tmpdir(), 'switchboard-e2e-basemap-'));
  const file = join(tmp, 'region.pmtiles');
  writeTinyBasemap(file, TILE);
  const keyFile = join(tmp, 'master.key');
  writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn(process.execPath, [resolve('packages/server/bin/switchboard.mjs'), 'demo-start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${tmp}/basemap.db`,
      SWITCHBOARD_KEY_FILE: keyFile,
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      SIGN_IN_LIMIT_PER_MINUTE: '100',
      BASEMAP_PMTILES: file,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const until = Date.now() + 60_000;
  for (;;) {
    assert.equal(server.exitCode, null, 'the basemap server stays up');
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    assert.ok(Date.now() < until, 'the basemap server became healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
});
after(async () => {
  await run?.close();
  if (server) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A browser context on the basemap server that records every request and response. */
async function newContext({ webgl = true } = {}) {
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base, locale: 'en-US' });
  if (!webgl)
    // A browser without WebGL: every WebGL context request fails, as on an old phone.
    await context.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return /webgl/.test(String(type)) ? null : getContext.call(this, type, ...rest);
      };
    });
  const urls = [];
  const responses = [];
  context.on('request', (r) => urls.push(r.url()));
  context.on('response', (r) => responses.push({ url: r.url(), status: r.status(), range: r.request().headers().range }));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, urls, responses };
}

function assertSameOrigin(urls, label) {
  const origin = new URL(base).origin;
  const foreign = urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  assert.ok(urls.length > 5, `${label}: requests were recorded`);
  assert.deepEqual(foreign, [], `${label}: every request stays on ${origin}`);
}

async function openConsole(page) {
  await signIn(page, DISPATCHER);
  await page.goto(`/n/${SLUG}/dispatch`);
  await page.getByRole('heading', { level: 1, name: 'Dispatch' }).waitFor();
  await page.locator('.live-indicator.live').waitFor();
}

test('the map settings announce the basemap, and the file answers byte ranges', async () => {
  const settings = await (await fetch(`${base}/api/v1/map`)).json();
  assert.deepEqual(settings, {
    tiles: null,
    basemap: { url: '/map/basemap.pmtiles', attribution: '© OpenStreetMap contributors' },
  });
  const res = await fetch(`${base}/map/basemap.pmtiles`, { headers: { range: 'bytes=0-6' } });
  assert.equal(res.status, 206);
  assert.equal(Buffer.from(await res.arrayBuffer()).toString('ascii'), 'PMTiles');
  assert.equal(res.headers.get('set-cookie'), null);
});

test('dispatcher console draws the street map from this server under the same keyboard-reachable markers', async () => {
  const { context, page, urls, responses } = await newContext();
  await openConsole(page);
  const street = `Basemap Ave ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'checkpoint', locationText: street, point: INSIDE }, base);
  const item = page.locator('button.queue-item', { hasText: street });
  await item.waitFor();
  const incidentId = await item.getAttribute('data-incident');
  const map = page.getByRole('region', { name: 'Map of incidents' });
  const marker = map.locator(`[data-marker="${incidentId}"]`);
  await marker.waitFor();
  // MapLibre's first frame is drawn: the map says so, and its canvas sits under the markers.
  await page.waitForFunction(() => document.querySelector('section.map')?.getAttribute('data-map-mode') === 'basemap');
  const canvas = map.locator('.map-basemap canvas');
  await canvas.waitFor();
  const size = await canvas.boundingBox();
  assert.ok(size && size.width > 300 && size.height > 200, `the canvas fills the map (${JSON.stringify(size)})`);
  await map.getByText('© OpenStreetMap contributors').waitFor();
  assert.equal(await map.getByText('Outline map').count(), 0, 'the outline-map note is gone');
  const ranged = responses.filter((r) => r.url === `${base}/map/basemap.pmtiles`);
  assert.ok(ranged.length >= 1, 'the basemap file was read');
  assert.ok(
    ranged.every((r) => r.status === 206 && /^bytes=\d+-\d+$/.test(r.range ?? '')),
    `every read is a byte range: ${JSON.stringify(ranged)}`,
  );
  // The street map is really drawn: the test file's lake (water colour) and avenue (major-road
  // colour) show. The cell outline and markers are hidden for the look, so only MapLibre's pixels count.
  await page.waitForTimeout(500);
  const drawn = map.locator('.map-viewport');
  const overlays = '.map-overlay, .map-marker';
  await page.evaluate((sel) => document.querySelectorAll(sel).forEach((el) => (el.style.visibility = 'hidden')), overlays);
  if (process.env.E2E_BASEMAP_SHOT) await drawn.screenshot({ path: process.env.E2E_BASEMAP_SHOT });
  assert.ok((await pixelsNear(page, drawn, [0xbf, 0xdb, 0xfe])) > 2000, 'the lake is drawn in the water colour');
  assert.ok((await pixelsNear(page, drawn, [0xfe, 0xf3, 0xc7])) > 300, 'the avenue is drawn in the major-road colour');
  await page.evaluate((sel) => document.querySelectorAll(sel).forEach((el) => (el.style.visibility = '')), overlays);
  await checkA11y(page, 'dispatch console over the vector basemap');

  // Keyboard, as on the outline map: Tab reaches the marker, Enter opens its incident.
  await map.getByRole('group', { name: 'Map', exact: true }).focus();
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((id) => document.activeElement?.getAttribute('data-marker') === id, incidentId);
  }
  assert.ok(reached, 'the marker is reachable with Tab over the basemap');
  await page.keyboard.press('Enter');
  await page.locator('article.panel').getByText('You are working on this incident').waitFor();
  assert.equal(await marker.getAttribute('aria-current'), 'true');

  // Zooming with the keyboard moves MapLibre too (the canvas stays, the zoom level changes).
  const viewport = map.getByRole('group', { name: 'Map', exact: true });
  await viewport.focus();
  const zoom = Number(await viewport.getAttribute('data-zoom'));
  await page.keyboard.press('-');
  await page.waitForFunction((z) => Number(document.querySelector('.map-viewport')?.getAttribute('data-zoom')) === z - 1, zoom);
  assert.equal(await map.getAttribute('data-map-mode'), 'basemap');
  assertSameOrigin(urls, 'dispatch console with the basemap');
  await context.close();
});

test('the public alert page draws the same street map, signed out, with its markers still leading to the list', async () => {
  const admin = await apiAs(ADMIN, base);
  const dispatcher = await apiAs(DISPATCHER, base);
  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } }),
    'settings on',
  );
  const street = `Public Basemap Ave ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'workplace_raid', locationText: street, point: ELSEWHERE }, base);
  await fileReport({ category: 'workplace_raid', locationText: street, point: ELSEWHERE }, base);
  const { incidents } = await json(await dispatcher.get(`/api/v1/networks/${SLUG}/incidents?scope=open`), 'incidents');
  const incident = incidents.find((i) => i.locationText === street);
  assert.ok(incident, 'the incident exists');
  await json(
    await dispatcher.post(`/api/v1/networks/${SLUG}/incidents/${incident.id}/status`, {
      data: { status: 'verified', reason: 'corroborated', version: incident.version },
    }),
    'verify',
  );

  const { context, page, urls, responses } = await newContext();
  await page.goto(`/n/${SLUG}/alerts`);
  const alertItem = page.locator(`.alert-list [data-incident="${incident.id}"]`);
  await alertItem.waitFor();
  const alertId = await alertItem.getAttribute('data-alert');
  const map = page.getByRole('region', { name: 'Map of alerts' });
  const marker = map.locator(`[data-marker="${alertId}"]`);
  await marker.waitFor();
  await page.waitForFunction(() => document.querySelector('section.map')?.getAttribute('data-map-mode') === 'basemap');
  await map.locator('.map-basemap canvas').waitFor();
  assert.ok(
    responses.some((r) => r.url === `${base}/map/basemap.pmtiles` && r.status === 206),
    'the file was read by range',
  );
  await checkA11y(page, 'public alert map over the vector basemap');
  await marker.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-alert') === id, alertId);
  assertSameOrigin(urls, 'public alert page with the basemap');
  await context.close();
  await admin.dispose();
  await dispatcher.dispose();
});

test('without WebGL the outline map stays, and MapLibre is never downloaded', async () => {
  const { context, page, urls } = await newContext({ webgl: false });
  await openConsole(page);
  const street = `No GL St ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'traffic_stop', locationText: street, point: somewhere() }, base);
  const map = page.getByRole('region', { name: 'Map of incidents' });
  await page.locator('button.queue-item', { hasText: street }).waitFor();
  await map.getByText('Outline map').waitFor();
  assert.equal(await map.getAttribute('data-map-mode'), 'schematic');
  assert.equal(await map.locator('.map-basemap').count(), 0);
  assert.deepEqual(
    urls.filter((u) => MAPLIBRE.test(u) || u.includes('/map/basemap.pmtiles')),
    [],
    'no MapLibre chunk nor basemap read',
  );
  await checkA11y(page, 'dispatch console, outline fallback');
  await context.close();
});

test('screens without a map never download MapLibre', async () => {
  const { context, page, urls } = await newContext();
  await page.goto('/sign-in');
  await page.getByLabel('Email').waitFor();
  await page.goto(`/r/${SLUG}`);
  await page.waitForLoadState('networkidle');
  assert.ok(urls.length > 3, 'requests were recorded');
  assert.deepEqual(
    urls.filter((u) => MAPLIBRE.test(u)),
    [],
    'the first load and the report page stay without MapLibre',
  );
  await context.close();
});
