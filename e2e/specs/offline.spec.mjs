// Offline is visible. A dispatcher's action taken with no connection waits on screen as
// pending, is not applied, and goes out once when the connection returns; a replay the
// server refuses (another dispatcher acted meanwhile) says so with the server's reason; an
// action whose answer was lost on the way back is replayed with its key and applied once.
// The public report page with JavaScript keeps a report typed offline and files it once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { apiAs, BASE_URL, PHONE, checkA11y, fileReport, freshIncident, json, launch, signIn, somewhere } from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';
const PENDING = 'Pending — will send when back online';

let run;
let api;
before(async () => {
  run = await launch();
  api = await apiAs(DISPATCHER);
});
after(async () => {
  await api?.dispose();
  await run?.close();
});

const current = async (id) => (await json(await api.get(`/api/v1/networks/${SLUG}/incidents/${id}`), 'incident')).incident;

/** A fresh incident of its own, and the console open on it at a laptop's size. */
async function consoleOn() {
  const incident = await freshIncident(api, { locationText: `Offline Ave & ${randomUUID().slice(0, 6)}` });
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: BASE_URL, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, DISPATCHER);
  await page.goto(`/n/${SLUG}/dispatch?incident=${incident.id}`);
  await page.locator('.live-indicator.live').waitFor();
  const panel = page.locator('article.panel');
  await panel.getByRole('button', { name: 'Start verifying' }).waitFor();
  // Opening it takes the dispatcher's lock, a change of its own: count from after it.
  await panel.getByText('You are working on this incident').waitFor();
  return { context, page, panel, incident: await current(incident.id) };
}

test('an action taken offline waits as pending, is not applied, then is applied once and confirmed', async () => {
  const { context, page, panel, incident } = await consoleOn();
  await context.setOffline(true);
  await page.locator('.live-indicator.lost').waitFor();
  await panel.getByRole('button', { name: 'Start verifying' }).click();
  const item = page.locator('.pending-action');
  await item.filter({ hasText: PENDING }).waitFor();
  await item.getByText('Verifying: Checkpoint').waitFor();
  await page.getByTestId('pending-count').filter({ hasText: 'Waiting to send: 1' }).waitFor();
  const queueItem = page.locator(`button.queue-item[data-incident="${incident.id}"]`);
  await queueItem.getByText(PENDING).waitFor();
  await checkA11y(page, 'console with an action pending');
  // Nothing reached the server, and nothing will while offline.
  await page.waitForTimeout(1500);
  const before = await current(incident.id);
  assert.equal(before.status, 'new');
  assert.equal(before.version, incident.version);

  await context.setOffline(false);
  await item.filter({ hasText: 'Sent and confirmed' }).waitFor();
  await page.getByTestId('pending-count').waitFor({ state: 'detached' });
  await queueItem.getByText(PENDING).waitFor({ state: 'detached' });
  const afterIt = await current(incident.id);
  assert.equal(afterIt.status, 'verifying');
  assert.equal(afterIt.version, incident.version + 1, 'applied exactly once');
  // The open incident shows the server's new state, not a guess made offline.
  await panel.locator('.badge.inc-verifying').first().waitFor();
  await item.getByRole('button', { name: 'Dismiss' }).click();
  await item.waitFor({ state: 'detached' });
  await context.close();
});

test('a replay refused because another dispatcher acted meanwhile shows the reason and is dropped', async () => {
  const { context, page, panel, incident } = await consoleOn();
  await context.setOffline(true);
  await page.locator('.live-indicator.lost').waitFor();
  await panel.getByRole('button', { name: 'Start verifying' }).click();
  const item = page.locator('.pending-action');
  await item.filter({ hasText: PENDING }).waitFor();

  // Meanwhile, another dispatcher (here through the API) marks it unconfirmed.
  await json(
    await api.post(`/api/v1/networks/${SLUG}/incidents/${incident.id}/status`, {
      data: { status: 'unconfirmed', version: incident.version },
    }),
    'the other dispatcher',
  );

  await context.setOffline(false);
  await item.filter({ hasText: 'Refused: This changed while you were working. Reload and try again.' }).waitFor();
  await page.getByTestId('pending-count').waitFor({ state: 'detached' });
  const now = await current(incident.id);
  assert.equal(now.status, 'unconfirmed', 'the other dispatcher’s change stands');
  assert.equal(now.version, incident.version + 1);
  await checkA11y(page, 'console with a refused replay');
  await context.close();
});

test('an action whose answer was lost is replayed with its key and applied once', async () => {
  const { context, page, panel, incident } = await consoleOn();
  const keys = [];
  page.on('request', (r) => {
    if (r.url().endsWith(`/incidents/${incident.id}/status`)) keys.push(r.headers()['idempotency-key']);
  });
  // The first attempt reaches the server, but its answer never comes back.
  await page.route(
    `**/incidents/${incident.id}/status`,
    async (route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    },
    { times: 1 },
  );
  await panel.getByRole('button', { name: 'Start verifying' }).click();
  const item = page.locator('.pending-action');
  await item.filter({ hasText: 'Sent and confirmed' }).waitFor({ timeout: 20_000 });
  assert.ok(keys.length >= 2, `sent again (${keys.length})`);
  assert.ok(keys[0] && keys.every((k) => k === keys[0]), `the same key every time: ${keys.join(', ')}`);
  const now = await current(incident.id);
  assert.equal(now.status, 'verifying');
  assert.equal(now.version, incident.version + 1, 'applied exactly once');
  await context.close();
});

/** The public report form, with JavaScript on, filled in on a phone. */
async function reportPage(where) {
  const context = await run.browser.newContext({ viewport: PHONE, baseURL: BASE_URL, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`/r/${SLUG}?lang=en`);
  await page.getByLabel('Traffic stop').check();
  await page.getByLabel('Where is it?').fill(where);
  return { context, page };
}

/** The incidents a typed place made, through the console's own API. */
async function incidentsAt(where) {
  const { incidents } = await json(await api.get(`/api/v1/networks/${SLUG}/incidents?scope=all`), 'incidents');
  return incidents.filter((i) => i.locationText === where);
}

const KEPT = 'No connection. Your report is kept on this page and will be sent when you are back online. Keep this page open.';

test('the report page keeps a report sent offline, says so, and files it once when the network returns', async () => {
  const where = `Offline St & ${randomUUID().slice(0, 6)}`;
  const { context, page } = await reportPage(where);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByRole('status').filter({ hasText: KEPT }).waitFor();
  // Still the form as typed, and nothing in the browser's storage.
  assert.equal(await page.getByLabel('Where is it?').inputValue(), where);
  assert.equal(await page.getByLabel('Traffic stop').isChecked(), true);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, idb: 0 });
  await checkA11y(page, 'report kept offline');
  assert.deepEqual(await incidentsAt(where), [], 'nothing filed while offline');

  await context.setOffline(false);
  await page.getByRole('heading', { level: 1, name: 'Report received.' }).waitFor();
  assert.match((await page.locator('#receipt-code').innerText()).trim(), /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const filed = await incidentsAt(where);
  assert.equal(filed.length, 1);
  assert.equal(filed[0].reportCount, 1, 'filed exactly once');
  await context.close();
});

test('a report whose answer was lost is sent again with the same key and filed once', async () => {
  const where = `Lost Answer Ave & ${randomUUID().slice(0, 6)}`;
  const { context, page } = await reportPage(where);
  // The first send reaches the server, but the phone never hears back.
  await page.route(
    `**/r/${SLUG}?lang=en`,
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      await route.abort('internetdisconnected');
    },
    { times: 1 },
  );
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByRole('status').filter({ hasText: KEPT }).waitFor();
  assert.equal((await incidentsAt(where)).length, 1, 'the first try did get through');
  await page.getByRole('button', { name: 'Try sending now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Report received.' }).waitFor();
  const filed = await incidentsAt(where);
  assert.equal(filed.length, 1);
  assert.equal(filed[0].reportCount, 1, 'filed once, not twice');
  await context.close();
});

test('a responder’s answer given offline waits as pending and reaches the dispatcher when back online', async () => {
  const LEGAL_OBSERVER = 'legal-observer@demo.switchboard.local';
  const point = somewhere();
  // The observer's coordinator records the qualification (as in the rapid-response spec).
  const coord = await apiAs('union-coordinator@demo.switchboard.local');
  const { organizations } = await json(await coord.get(`/api/v1/networks/${SLUG}/organizations`), 'organizations');
  const union = organizations.find((o) => o.name === 'SEIU Local 26');
  const { members } = await json(await coord.get(`/api/v1/networks/${SLUG}/organizations/${union.id}/members`), 'members');
  const observer = members.find((m) => m.email === LEGAL_OBSERVER);
  await json(
    await coord.put(`/api/v1/networks/${SLUG}/members/${observer.accountId}/qualifications`, {
      data: { qualifications: ['legal_observer'] },
    }),
    'qualifications',
  );
  await coord.dispose();

  const context = await run.browser.newContext({
    viewport: PHONE,
    baseURL: BASE_URL,
    locale: 'en-US',
    geolocation: { latitude: point.lat, longitude: point.lng },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, LEGAL_OBSERVER);
  await page.goto(`/n/${SLUG}/respond`);
  await page.getByRole('button', { name: 'I am available' }).click();
  await page.getByRole('status').filter({ hasText: 'You are available.' }).waitFor();
  await page.locator('.live-indicator.live').waitFor();

  const street = `Answer Ave & ${randomUUID().slice(0, 6)}`;
  await fileReport({ category: 'checkpoint', locationText: street, point, language: 'en' });
  const { incidents } = await json(await api.get(`/api/v1/networks/${SLUG}/incidents?scope=open`), 'incidents');
  const incident = incidents.find((i) => i.locationText === street);
  const { dispatches } = await json(
    await api.post(`/api/v1/networks/${SLUG}/incidents/${incident.id}/dispatches`, {
      data: { qualification: 'legal_observer', count: 1 },
    }),
    'dispatch',
  );
  assert.equal(dispatches[0]?.accountId, observer.accountId);
  const answerOf = async () =>
    (await json(await api.get(`/api/v1/networks/${SLUG}/incidents/${incident.id}`), 'incident')).dispatches.find(
      (d) => d.id === dispatches[0].id,
    ).status;

  const card = page.locator('.card.action[data-dispatch]');
  await card.getByRole('button', { name: 'Accept' }).waitFor();
  await context.setOffline(true);
  await page.locator('.live-indicator.lost').waitFor();
  await card.getByRole('button', { name: 'Accept' }).click();
  const item = page.locator('.pending-action');
  await item.filter({ hasText: PENDING }).getByText('Accept: Checkpoint').waitFor();
  await page.getByTestId('pending-count').filter({ hasText: 'Waiting to send: 1' }).waitFor();
  await checkA11y(page, 'responder with an answer pending');
  assert.equal(await answerOf(), 'notified', 'not sent while offline');

  await context.setOffline(false);
  await item.filter({ hasText: 'Sent and confirmed' }).waitFor();
  assert.equal(await answerOf(), 'accepted');
  await card.getByRole('button', { name: 'On my way' }).waitFor();

  await page.getByRole('button', { name: 'I am not available' }).click();
  await page.getByRole('status').filter({ hasText: 'You are not available.' }).waitFor();
  await context.close();
});
