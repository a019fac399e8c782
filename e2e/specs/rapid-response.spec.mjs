// Rapid response in the browser. A: anonymous reports appear live on the
// dispatcher's console; a legal observer (qualified by their coordinator, available
// in the report's area) is dispatched, accepts and confirms on scene; the
// dispatcher verifies and a public alerts page in Somali receives the alert.
// B: a report marked false alarm never reaches the public page or the alert list.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
  openMenu,
  switchLanguage,
} from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';
const LEGAL_OBSERVER = 'legal-observer@demo.switchboard.local';
const UNION_COORDINATOR = 'union-coordinator@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('report → live on the console → dispatch legal observer → on scene → verified → Somali alert', async () => {
  const point = somewhere();
  const street = `E Lake St & ${10 + Math.floor(Math.random() * 80)}th Ave ${randomUUID().slice(0, 4)}`;

  // The admin switches on the public alert page.
  const admin = await apiAs(ADMIN);
  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } }),
    'settings',
  );

  // The legal observer's own coordinator (SEIU Local 26) records the qualification.
  const coord = await apiAs(UNION_COORDINATOR);
  const { organizations } = await json(await coord.get(`/api/v1/networks/${SLUG}/organizations`), 'organizations');
  const union = organizations.find((o) => o.name === 'SEIU Local 26');
  assert.ok(union, 'SEIU Local 26 exists');
  const { members } = await json(await coord.get(`/api/v1/networks/${SLUG}/organizations/${union.id}/members`), 'members');
  const observer = members.find((m) => m.email === LEGAL_OBSERVER);
  assert.ok(observer, 'legal observer is a member');
  await json(
    await coord.put(`/api/v1/networks/${SLUG}/members/${observer.accountId}/qualifications`, {
      data: { qualifications: ['legal_observer'] },
    }),
    'qualifications',
  );

  // The legal observer (phone, at the report's place) goes available: the page sends a coarse cell only.
  const responderCtx = await run.browser.newContext({
    viewport: { width: 360, height: 740 },
    baseURL: BASE_URL,
    locale: 'en-US',
    geolocation: { latitude: point.lat, longitude: point.lng },
    permissions: ['geolocation'],
  });
  const responder = await responderCtx.newPage();
  responder.setDefaultTimeout(15_000);
  await signIn(responder, LEGAL_OBSERVER);
  const sent = [];
  responder.on('request', (r) => {
    if (r.url().includes('/responder/availability')) sent.push(r.postData() ?? '');
  });
  await responder.goto(`/n/${SLUG}/respond`);
  await responder.getByRole('heading', { level: 1, name: 'Respond' }).waitFor();
  await responder.getByText('Legal observer').waitFor();
  await responder.getByRole('button', { name: 'I am available' }).click();
  await responder.getByRole('status').filter({ hasText: 'You are available.' }).waitFor();
  const body = JSON.parse(sent[0]);
  assert.equal(body.available, true);
  assert.match(body.cell, /^[0-9a-f]{15}$/);
  assert.deepEqual(Object.keys(body).sort(), ['available', 'cell'], 'never a latitude or longitude');
  await responder.locator('.live-indicator.live').waitFor();
  await checkA11y(responder, 'responder, available');

  // The public alerts page, in Somali, signed out.
  const publicCtx = await newPhone(run.browser);
  const pub = publicCtx.page;
  await pub.goto(`/n/${SLUG}/alerts?lang=so`);
  await pub.getByRole('heading', { level: 1, name: 'Digniinaha aaggaaga' }).waitFor();
  await pub.locator('.live-indicator.live').waitFor();
  assert.equal(await pub.evaluate(() => document.documentElement.lang), 'so');
  await checkA11y(pub, 'public alerts in Somali');

  // The dispatcher has the console open.
  const dispatcher = await newPhone(run.browser);
  const console_ = dispatcher.page;
  await console_.setViewportSize({ width: 1280, height: 900 });
  await signIn(console_, DISPATCHER);
  await openMenu(console_);
  await console_.getByRole('link', { name: 'Dispatch', exact: true }).click();
  await console_.getByRole('heading', { level: 1, name: 'Dispatch' }).waitFor();
  await console_.locator('.live-indicator.live').waitFor();
  await checkA11y(console_, 'dispatch console');
  await console_.evaluate(() => {
    window.__noReload = true;
  });

  // The queue takes incidents from the stream as they change: it reads the list only on (re)connect.
  const listReads = [];
  console_.on('request', (r) => {
    if (r.url().includes(`/networks/${SLUG}/incidents?`)) listReads.push(r.url());
  });

  // Two neighbours report the same raid through the JSON API.
  await fileReport({ category: 'home_raid', locationText: street, point, language: 'es', description: 'Two unmarked vans' });
  await fileReport({ category: 'home_raid', locationText: street, point, language: 'en' });

  // It appears live, without a reload, with both reports.
  const item = console_.locator('button.queue-item', { hasText: street });
  await item.filter({ hasText: 'Reports: 2' }).waitFor();
  assert.equal(await console_.evaluate(() => window.__noReload), true, 'no reload');
  assert.deepEqual(listReads, [], 'the incident came from the stream, not from reading the list again');
  const incidentId = await item.getAttribute('data-incident');
  await item.click();
  const panel = console_.locator('article.panel');
  await panel.getByText('You are working on this incident').waitFor();
  await checkA11y(console_, 'incident open');

  // Dispatches one legal observer.
  await panel.getByLabel('Qualification needed').selectOption('legal_observer');
  await panel.getByLabel('How many to notify').fill('1');
  await panel.getByRole('button', { name: 'Dispatch', exact: true }).click();
  await console_.getByRole('status').filter({ hasText: 'Responders notified: 1.' }).waitFor();
  await panel.locator('[data-dispatch]', { hasText: 'Lee Observer' }).getByText('Notified').waitFor();

  // The responder sees it live, accepts and confirms on scene.
  const card = responder.locator('.card.action[data-dispatch]');
  await card.getByRole('button', { name: 'Accept' }).waitFor();
  await checkA11y(responder, 'responder with a dispatch');
  await card.getByRole('button', { name: 'Accept' }).click();
  await responder.getByRole('status').filter({ hasText: 'You accepted' }).waitFor();
  await card.getByRole('button', { name: 'I am on scene' }).click();
  await responder.getByRole('status').filter({ hasText: 'The dispatcher knows you are on scene.' }).waitFor();

  // The dispatcher sees it live, then verifies with the on-scene reason.
  await panel.locator('[data-dispatch]', { hasText: 'Lee Observer' }).getByText('On scene').waitFor();
  await panel.getByLabel('Why is it verified?').selectOption('on_scene_confirmation');
  await panel.getByRole('button', { name: 'Verify and alert neighbours' }).click();
  await console_.getByRole('status').filter({ hasText: 'The incident is now: Verified.' }).waitFor();
  await checkA11y(console_, 'incident verified');

  // The public page receives the alert, in Somali.
  const alert = pub.locator(`[data-incident="${incidentId}"]`);
  await alert.waitFor({ timeout: 20_000 });
  await alert.getByText('Weerar guri').waitFor();
  await alert.getByText('La xaqiijiyay').waitFor();
  await checkA11y(pub, 'public alerts with an alert');

  // Response times are on the dashboard.
  await console_.getByText('Response times').click();
  await console_.getByRole('row', { name: /Median/ }).waitFor();

  await responder.getByRole('button', { name: 'I am not available' }).click();
  await responder.getByRole('status').filter({ hasText: 'You are not available.' }).waitFor();

  await admin.dispose();
  await coord.dispose();
  await responderCtx.close();
  await publicCtx.context.close();
  await dispatcher.context.close();
});

test('a false alarm is marked and no alert goes out', async () => {
  const point = somewhere();
  const street = `Cedar Ave & ${20 + Math.floor(Math.random() * 20)}th St ${randomUUID().slice(0, 4)}`;
  const admin = await apiAs(ADMIN);
  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } }),
    'settings',
  );

  const publicCtx = await newPhone(run.browser);
  const pub = publicCtx.page;
  await pub.goto(`/n/${SLUG}/alerts?lang=so`);
  await pub.locator('.live-indicator.live').waitFor();

  const dispatcher = await newPhone(run.browser);
  const page = dispatcher.page;
  await signIn(page, DISPATCHER);
  await page.goto(`/n/${SLUG}/dispatch`);
  await page.locator('.live-indicator.live').waitFor();

  await fileReport({ category: 'checkpoint', locationText: street, point });
  const item = page.locator('button.queue-item', { hasText: street });
  await item.waitFor();
  const incidentId = await item.getAttribute('data-incident');
  await item.click();
  const panel = page.locator('article.panel');
  await panel.getByText('You are working on this incident').waitFor();

  // Keyboard: f asks, the confirm button has focus.
  await panel.locator('h2').first().focus();
  await page.keyboard.press('f');
  const confirm = panel.getByRole('button', { name: 'Yes, false alarm' });
  await confirm.waitFor();
  await checkA11y(page, 'false alarm question');
  await confirm.click();
  await page.getByRole('status').filter({ hasText: 'The incident is now: False alarm.' }).waitFor();
  await panel.getByText('False alarm').first().waitFor();

  // Nothing reaches the public page or the alert list.
  await pub.waitForTimeout(2000);
  assert.equal(await pub.locator(`[data-incident="${incidentId}"]`).count(), 0);
  const { alerts } = await (await fetch(`${BASE_URL}/api/v1/networks/${SLUG}/alerts`)).json();
  assert.equal(alerts.filter((a) => a.incidentId === incidentId).length, 0);
  await checkA11y(pub, 'public alerts after a false alarm');

  // The console in Arabic lays out right to left and stays accessible; then back to English.
  await switchLanguage(page, 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.getByRole('heading', { level: 1, name: 'الإرسال' }).waitFor();
  await checkA11y(page, 'dispatch console in Arabic');
  await switchLanguage(page, 'en');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');

  await admin.dispose();
  await publicCtx.context.close();
  await dispatcher.context.close();
});
