// The dispatcher console's layout: on a laptop the queue comes first (list, then the open
// incident beside it, then the map as a third column on wide screens), on a phone one column
// in that order; Arabic mirrors the columns; the map can be hidden with a real button; the
// map's room is kept before it loads, so nothing shifts; Tab follows what the eye follows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { checkA11y, fileReport, launch, signIn, somewhere, switchLanguage } from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let run;
let street;
before(async () => {
  run = await launch();
  // One incident with a point, so the map has a marker to draw when the console loads.
  street = `Layout Ave & ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'traffic_stop', locationText: street, point: somewhere(), language: 'en' });
});
after(async () => {
  await run?.close();
});

/** Sums every layout shift not caused by input, from the first paint of each document on. */
function watchLayoutShifts() {
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** A signed-in dispatcher's console at this viewport, loaded until its map has drawn. */
async function openConsole(viewport, { lang = 'en' } = {}) {
  const context = await run.browser.newContext({ viewport, baseURL: process.env.BASE_URL, locale: 'en-US' });
  await context.addInitScript(watchLayoutShifts);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, DISPATCHER);
  if (lang !== 'en') {
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
    await switchLanguage(page, lang);
    await saved;
  }
  await loadConsole(page);
  return { context, page };
}

/** Load the console (with `query`, e.g. a shared incident link) and wait until everything has drawn. */
async function loadConsole(page, query = '') {
  await page.goto(`/n/${SLUG}/dispatch${query}`);
  await page.locator('.live-indicator.live').waitFor();
  await page.locator('button.queue-item', { hasText: street }).waitFor();
  await page.locator('section.map .map-marker').first().waitFor();
  if (query.includes('incident=')) await page.locator('article.panel').getByText('You are working').waitFor();
  await page.waitForLoadState('networkidle');
  // Layout shifts are reported after the frame that made them: give the last ones time.
  await page.waitForTimeout(1000);
}

/** A link to the incident, opened in a new tab of the same browser: its layout shift on load. */
async function sharedLinkShift(context, incidentId) {
  const page = await context.newPage();
  await loadConsole(page, `?incident=${incidentId}`);
  const shift = await cls(page);
  await page.close();
  return shift;
}

const box = async (locator) => {
  const b = await locator.boundingBox();
  assert.ok(b, 'the element is on screen');
  return b;
};
const cls = (page) => page.evaluate(() => window.__cls);
const columns = (page) => ({
  queue: page.locator('.console-queue'),
  detail: page.locator('.console-detail'),
  map: page.locator('.console-map'),
});

/** Which console column each Tab press lands in, from the open queue item on, collapsed to runs. */
async function tabColumns(page, presses = 80) {
  await page.locator('button.queue-item[tabindex="0"]').focus();
  const seen = [];
  for (let i = 0; i < presses; i++) {
    const col = await page.evaluate(
      () => document.activeElement?.closest('.console-queue, .console-detail, .console-map')?.className.split(' ')[0] ?? 'other',
    );
    // Past the map: the rest of the page is not the console's.
    if (col === 'other' && seen.includes('console-map')) break;
    if (seen.at(-1) !== col) seen.push(col);
    await page.keyboard.press('Tab');
  }
  return seen.filter((c) => c !== 'other');
}

test('laptop 1366×768: queue left, incident beside it, map a third column; nothing shifts on load; Tab goes queue → incident → map', async () => {
  const { context, page } = await openConsole(LAPTOP);
  const shift = await cls(page);
  console.log(`# CLS on load, 1366×768: ${shift.toFixed(4)}`);
  assert.ok(shift < 0.1, `cumulative layout shift on load is ${shift}`);

  await page.locator('button.queue-item', { hasText: street }).click();
  await page.locator('article.panel').getByText(street).first().waitFor();
  const { queue, detail, map } = columns(page);
  const [q, d, m] = [await box(queue), await box(detail), await box(map)];
  assert.ok(q.x + q.width <= d.x, `queue (${q.x}..${q.x + q.width}) is left of the incident (${d.x})`);
  assert.ok(d.x + d.width <= m.x, `incident (..${d.x + d.width}) is left of the map (${m.x})`);
  assert.ok(Math.abs(q.y - d.y) < 2 && Math.abs(d.y - m.y) < 2, 'the three columns start on one line');
  assert.ok(m.y + m.height / 2 < LAPTOP.height, `the map is on the first screen (${m.y}..${m.y + m.height})`);
  const incidentId = await page.locator('button.queue-item', { hasText: street }).getAttribute('data-incident');
  const linkShift = await sharedLinkShift(context, incidentId);
  console.log(`# CLS on load of an incident's link, 1366×768: ${linkShift.toFixed(4)}`);
  assert.ok(linkShift < 0.1, `cumulative layout shift opening a link to an incident is ${linkShift}`);
  assert.deepEqual(await tabColumns(page), ['console-queue', 'console-detail', 'console-map'], 'Tab order');
  await checkA11y(page, 'console at 1366×768 with an incident open');

  // The toggle is a real button that says what it does and whether the map is shown.
  const storedBefore = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
  const toggle = page.getByRole('button', { name: 'Hide map' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.getAttribute('aria-controls'), await map.getAttribute('id'));
  await toggle.click();
  const shown = page.getByRole('button', { name: 'Show map' });
  assert.equal(await shown.getAttribute('aria-expanded'), 'false');
  await map.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('region', { name: 'Map of incidents' }).count(), 0, 'no map while hidden');
  const wider = await box(detail);
  assert.ok(wider.width > d.width + 100, `the incident takes the room (${d.width} → ${wider.width})`);
  assert.ok((await box(queue)).x + (await box(queue)).width <= wider.x, 'the queue stays left');
  await checkA11y(page, 'console with the map hidden');
  // Remembered in the address (reload keeps it), never in the browser's storage.
  assert.match(page.url(), /[?&]map=hidden\b/);
  await page.reload();
  await page.getByRole('button', { name: 'Show map' }).waitFor();
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), storedBefore);
  await page.getByRole('button', { name: 'Show map' }).click();
  await page.getByRole('region', { name: 'Map of incidents' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Hide map' }).getAttribute('aria-expanded'), 'true');
  assert.doesNotMatch(page.url(), /map=/);

  // Between 1024 and 1280 px the queue and the incident stay side by side, the map below both.
  await page.setViewportSize({ width: 1100, height: 768 });
  const [q2, d2, m2] = [await box(queue), await box(detail), await box(map)];
  assert.ok(q2.x + q2.width <= d2.x, 'at 1100 px the queue is still left of the incident');
  assert.ok(m2.y >= Math.max(q2.y + q2.height, d2.y + d2.height), 'the map is below both');
  assert.ok(m2.x <= q2.x + 1 && m2.x + m2.width >= d2.x + d2.width - 1, 'and as wide as both');
  await context.close();
});

test('phone 390×844: one column, queue first, then the incident, then the map; nothing shifts on load', async () => {
  const { context, page } = await openConsole(PHONE);
  const shift = await cls(page);
  console.log(`# CLS on load, 390×844: ${shift.toFixed(4)}`);
  assert.ok(shift < 0.1, `cumulative layout shift on load is ${shift}`);

  await page.locator('button.queue-item', { hasText: street }).click();
  await page.locator('article.panel').getByText(street).first().waitFor();
  const { queue, detail, map } = columns(page);
  const [q, d, m] = [await box(queue), await box(detail), await box(map)];
  assert.ok(q.y + q.height <= d.y, 'the incident is below the queue');
  assert.ok(d.y + d.height <= m.y, 'the map is below the incident');
  for (const b of [q, d, m]) assert.ok(b.width > 300 && b.x + b.width <= PHONE.width, `full width, no overflow (${b.width})`);
  const incidentId = await page.locator('button.queue-item', { hasText: street }).getAttribute('data-incident');
  const linkShift = await sharedLinkShift(context, incidentId);
  console.log(`# CLS on load of an incident's link, 390×844: ${linkShift.toFixed(4)}`);
  assert.ok(linkShift < 0.1, `cumulative layout shift opening a link to an incident is ${linkShift}`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  assert.deepEqual(await tabColumns(page, 120), ['console-queue', 'console-detail', 'console-map'], 'Tab order');
  await page.getByRole('button', { name: 'Hide map' }).click();
  await map.waitFor({ state: 'hidden' });
  await checkA11y(page, 'console on a phone, map hidden');
  await context.close();
});

test('Arabic at 1366×768: the columns mirror (queue on the right, map on the left); nothing shifts on load', async () => {
  const { context, page } = await openConsole(LAPTOP, { lang: 'ar' });
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  const shift = await cls(page);
  console.log(`# CLS on load, 1366×768 Arabic: ${shift.toFixed(4)}`);
  assert.ok(shift < 0.1, `cumulative layout shift on load is ${shift}`);

  await page.locator('button.queue-item', { hasText: street }).click();
  await page.locator('article.panel').getByText(street).first().waitFor();
  const { queue, detail, map } = columns(page);
  const [q, d, m] = [await box(queue), await box(detail), await box(map)];
  assert.ok(d.x + d.width <= q.x, `queue (${q.x}) is right of the incident (..${d.x + d.width})`);
  assert.ok(m.x + m.width <= d.x, `the map (..${m.x + m.width}) is left of the incident (${d.x})`);
  assert.deepEqual(await tabColumns(page), ['console-queue', 'console-detail', 'console-map'], 'Tab order');
  const toggle = page.getByRole('button', { name: 'إخفاء الخريطة' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await checkA11y(page, 'console in Arabic at 1366×768');
  await toggle.click();
  await page.getByRole('button', { name: 'إظهار الخريطة' }).waitFor();
  await checkA11y(page, 'console in Arabic, map hidden');
  // Back to English for the specs that follow (the language is saved on the profile).
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(page, 'en');
  await saved;
  await context.close();
});
