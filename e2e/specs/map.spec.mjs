// Maps on the dispatcher console and the public alert page. The list stays the full
// equivalent; markers are keyboard-reachable buttons that open their incident; and no
// request ever leaves the origin (a third-party tile server would learn which streets
// dispatchers and neighbours look at). A second server with a self-hoster's tile
// directory shows the tiles come from Switchboard itself.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  ADMIN,
  BASE_URL,
  DEMO_PASSWORD,
  checkA11y,
  launch,
  newPhone,
  signIn,
  fileReport,
  somewhere,
  apiAs,
  json,
  switchLanguage,
} from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** Every URL a browser context asks for, to prove none leaves the origin. */
function recordRequests(context) {
  const urls = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

function assertSameOrigin(urls, base, label) {
  const origin = new URL(base).origin;
  const foreign = urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  assert.ok(urls.length > 5, `${label}: requests were recorded`);
  assert.deepEqual(foreign, [], `${label}: every request stays on ${origin}`);
}

/** The dispatcher's console, signed in, at a given viewport. */
async function openConsole(base, viewport) {
  const context = await run.browser.newContext({ viewport, baseURL: base, locale: 'en-US' });
  const urls = recordRequests(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, DISPATCHER);
  await page.goto(`/n/${SLUG}/dispatch`);
  await page.getByRole('heading', { level: 1, name: 'Dispatch' }).waitFor();
  await page.locator('.live-indicator.live').waitFor();
  return { context, page, urls };
}

const markerLeft = (marker) => marker.evaluate((el) => parseFloat(el.style.left));

test('dispatcher console: a new report appears on the map; its marker is reached by keyboard and opens the incident', async () => {
  const { context, page, urls } = await openConsole(BASE_URL, { width: 1280, height: 900 });
  const point = somewhere();
  const street = `Map St & ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'traffic_stop', locationText: street, point, language: 'en' });
  // A second incident a few kilometres away, so there is another to choose in the list.
  const elsewhere = `Other Rd & ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'checkpoint', locationText: elsewhere, point: { lat: point.lat + 0.05, lng: point.lng - 0.05 } });

  const item = page.locator('button.queue-item', { hasText: street });
  await item.waitFor();
  const incidentId = await item.getAttribute('data-incident');
  const map = page.getByRole('region', { name: 'Map of incidents' });
  await map.waitFor();
  assert.equal(await map.getAttribute('data-map-mode'), 'schematic', 'no tiles configured: a schematic map');
  const marker = map.locator(`[data-marker="${incidentId}"]`);
  await marker.waitFor();
  assert.match(await marker.getAttribute('aria-label'), /^Traffic stop, New, /, 'the marker names category, status and time');
  await map.getByText('Outline map').waitFor();
  await map.getByRole('group', { name: 'Map controls' }).waitFor();
  await checkA11y(page, 'dispatch console with its map');

  // Keyboard: from the map, Tab walks the markers until this one has focus; Enter opens it.
  const viewport = map.getByRole('group', { name: 'Map', exact: true });
  await viewport.focus();
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((id) => document.activeElement?.getAttribute('data-marker') === id, incidentId);
  }
  assert.ok(reached, 'the marker is reachable with Tab');
  await page.keyboard.press('Enter');
  const panel = page.locator('article.panel');
  await panel.getByText('You are working on this incident').waitFor();
  await panel.getByText(street).first().waitFor();
  assert.equal(await item.getAttribute('aria-current'), 'true', 'the list shows the same incident as chosen');
  assert.equal(await marker.getAttribute('aria-current'), 'true', 'the marker is highlighted');
  await checkA11y(page, 'incident opened from the map');

  // Keyboard pan and zoom on the map itself.
  await viewport.focus();
  const zoom = Number(await viewport.getAttribute('data-zoom'));
  const before = await markerLeft(marker);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(
    ([id, x]) => parseFloat(document.querySelector(`[data-marker="${id}"]`)?.style.left ?? 'NaN') > x,
    [incidentId, before],
  );
  await page.keyboard.press('-');
  await page.waitForFunction((z) => Number(document.querySelector('.map-viewport')?.getAttribute('data-zoom')) === z - 1, zoom);
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForFunction((z) => Number(document.querySelector('.map-viewport')?.getAttribute('data-zoom')) === z, zoom);

  // Choosing another incident in the list highlights it on the map instead.
  const other = page.locator('button.queue-item', { hasText: elsewhere });
  const otherId = await other.getAttribute('data-incident');
  await other.click();
  await map.locator(`[data-marker="${otherId}"][aria-current="true"]`).waitFor();
  assert.equal(
    await map.locator(`[data-marker="${incidentId}"][aria-current="true"]`).count(),
    0,
    'the first marker is no longer highlighted',
  );

  // Phone width, right to left: the map keeps north up and stays usable.
  await page.setViewportSize({ width: 360, height: 740 });
  await switchLanguage(page, 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const mapAr = page.getByRole('region', { name: 'خريطة الحوادث' });
  await mapAr.waitFor();
  assert.equal(await mapAr.locator('.map-viewport').getAttribute('dir'), 'ltr');
  const box = await mapAr.locator('.map-viewport').boundingBox();
  assert.ok(box && box.width <= 360 && box.width > 250, `map fits a phone (${box?.width}px)`);
  await mapAr.getByRole('button', { name: 'تكبير' }).waitFor();
  await checkA11y(page, 'dispatch map in Arabic on a phone');
  await switchLanguage(page, 'en');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');

  assertSameOrigin(urls, BASE_URL, 'dispatch console');
  await context.close();
});

test('public alert page (switched on by the network): a verified incident is on the map, at its coarse area only', async () => {
  const admin = await apiAs(ADMIN);
  const { context, page } = await newPhone(run.browser);
  const urls = recordRequests(context);

  // Switched off, the page says so and there is no map (the same setting as the public alert list).
  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: false } } }),
    'settings off',
  );
  await page.goto(`/n/${SLUG}/alerts`);
  await page.getByText('This network has not switched on the public alert page.').waitFor();
  assert.equal(await page.locator('section.map').count(), 0);

  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } }),
    'settings on',
  );
  const dispatcher = await apiAs(DISPATCHER);

  // Two neighbours report the same raid; the dispatcher verifies it as corroborated.
  const point = somewhere();
  const street = `Verified Ave ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'workplace_raid', locationText: street, point });
  await fileReport({ category: 'workplace_raid', locationText: street, point });
  const { incidents } = await json(await dispatcher.get(`/api/v1/networks/${SLUG}/incidents?scope=open`), 'incidents');
  const incident = incidents.find((i) => i.locationText === street);
  assert.ok(incident, 'the incident exists');
  await json(
    await dispatcher.post(`/api/v1/networks/${SLUG}/incidents/${incident.id}/status`, {
      data: { status: 'verified', reason: 'corroborated', version: incident.version },
    }),
    'verify',
  );

  await page.goto(`/n/${SLUG}/alerts`);
  const alertItem = page.locator(`.alert-list [data-incident="${incident.id}"]`);
  await alertItem.waitFor();
  const alertId = await alertItem.getAttribute('data-alert');
  const map = page.getByRole('region', { name: 'Map of alerts' });
  const marker = map.locator(`[data-marker="${alertId}"]`);
  await marker.waitFor();
  assert.match(await marker.getAttribute('aria-label'), /^Confirmed: Raid at a workplace, /);
  // The public API gives a coarse cell, never the point: the marker sits at the cell's centre, outlined.
  const { alerts } = await (await fetch(`${BASE_URL}/api/v1/networks/${SLUG}/alerts`)).json();
  const published = alerts.find((a) => a.id === alertId);
  assert.match(published.area, /^[0-9a-f]{15}$/);
  assert.doesNotMatch(JSON.stringify(published), /lat|lng|point|locationText/i, 'no precise place in a public alert');
  assert.ok((await map.locator('polygon.cell').count()) >= 1, 'the coarse area is outlined');
  await checkA11y(page, 'public alert map');

  // Choosing the alert in the list highlights its marker; the marker brings its alert in the list into focus.
  assert.equal(await marker.getAttribute('aria-current'), null);
  await alertItem.click();
  await map.locator(`[data-marker="${alertId}"][aria-current="true"]`).waitFor();
  await page.locator('h1').click();
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-alert')), alertId);
  await marker.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-alert') === id, alertId);

  // Arabic, right to left, on the phone.
  await page.goto(`/n/${SLUG}/alerts?lang=ar`);
  const mapAr = page.getByRole('region', { name: 'خريطة التنبيهات' });
  await mapAr.locator(`[data-marker="${alertId}"]`).waitFor();
  await checkA11y(page, 'public alert map in Arabic');

  assertSameOrigin(urls, BASE_URL, 'public alert page');
  await context.close();
  await admin.dispose();
  await dispatcher.dispose();
});

// ---- A second server, configured with a tile directory the way a self-hoster would ----

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

// A real 1×1 PNG; the map draws each tile at 256×256.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** z/x/y.png tiles over Minneapolis, zoom 9 to 13. */
function writeTiles(dir) {
  const tileOf = (lat, lng, z) => {
    const n = 2 ** z;
    const s = Math.sin((lat * Math.PI) / 180);
    return [Math.floor(((lng + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
  };
  let count = 0;
  for (let z = 9; z <= 13; z++) {
    const [x0, y0] = tileOf(45.2, -93.7, z);
    const [x1, y1] = tileOf(44.7, -92.9, z);
    for (let x = x0; x <= x1; x++) {
      mkdirSync(join(dir, String(z), String(x)), { recursive: true });
      for (let y = y0; y <= y1; y++) {
        writeFileSync(join(dir, String(z), String(x), `${y}.png`), PNG);
        count++;
      }
    }
  }
  return count;
}

test('with a self-hoster tile directory, tiles from this server draw under the same markers', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'switchboard-e2e-tiles-'));
  const tilesDir = join(tmp, 'tiles');
  assert.ok(writeTiles(tilesDir) > 100);
  const keyFile = join(tmp, 'master.key');
  writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, [resolve('packages/server/bin/switchboard.mjs'), 'demo-start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${tmp}/tiles.db`,
      SWITCHBOARD_KEY_FILE: keyFile,
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      SIGN_IN_LIMIT_PER_MINUTE: '100',
      MAP_TILES_DIR: tilesDir,
      MAP_TILES_ATTRIBUTION: 'Test tiles © Switchboard e2e',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const until = Date.now() + 60_000;
    for (;;) {
      assert.equal(server.exitCode, null, 'the tile server stays up');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      assert.ok(Date.now() < until, 'the tile server became healthy');
      await new Promise((r) => setTimeout(r, 250));
    }
    const settings = await (await fetch(`${base}/api/v1/map`)).json();
    assert.deepEqual(settings, {
      tiles: { urlTemplate: '/map/tiles/{z}/{x}/{y}.png', minZoom: 9, maxZoom: 13, attribution: 'Test tiles © Switchboard e2e' },
      basemap: null,
    });

    const { context, page, urls } = await openConsole(base, { width: 1280, height: 900 });
    const street = `Tile Rd ${randomUUID().slice(0, 6)}`;
    await fileReport({ category: 'checkpoint', locationText: street, point: somewhere() }, base);
    const item = page.locator('button.queue-item', { hasText: street });
    await item.waitFor();
    const incidentId = await item.getAttribute('data-incident');
    const map = page.getByRole('region', { name: 'Map of incidents' });
    await map.locator(`[data-marker="${incidentId}"]`).waitFor();
    assert.equal(await map.getAttribute('data-map-mode'), 'tiles');
    // Tiles load (decoded images) from /map/tiles on this origin, and the credit line shows.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.map-tiles img')].some((img) => img.complete && img.naturalWidth > 0),
    );
    const srcs = await map.locator('.map-tiles img').evaluateAll((imgs) => imgs.map((i) => i.src));
    assert.ok(srcs.length >= 2 && srcs.every((s) => s.startsWith(`${base}/map/tiles/`)), srcs.join(' '));
    await map.getByText('Test tiles © Switchboard e2e').waitFor();
    const zoom = Number(await map.locator('.map-viewport').getAttribute('data-zoom'));
    assert.ok(zoom >= 9 && zoom <= 13, `zoom ${zoom} stays within the tile set`);
    assert.equal(await map.getByRole('button', { name: 'Zoom in' }).isDisabled(), zoom === 13);
    await checkA11y(page, 'dispatch console over tiles');
    assert.ok(
      urls.some((u) => u.includes('/map/tiles/')),
      'tiles were requested',
    );
    assertSameOrigin(urls, base, 'dispatch console with tiles');
    await context.close();
  } finally {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
});
