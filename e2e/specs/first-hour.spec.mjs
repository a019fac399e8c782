// The first hour of a real network, the way most reports come: with words, not GPS.
// A neighbour subscribes to alerts for a neighbourhood by its name (confirmed through a real
// mailbox). Another neighbour, on a phone with JavaScript off and the page in Somali, reports a
// raid at a typed corner. The dispatcher sees it placed, in words, on the console (the tab
// title counts it, the open incident survives a reload), dispatches a responder, who accepts
// and confirms on scene; the dispatcher verifies, and the neighbourhood's subscriber gets an
// alert that names the neighbourhood and the corner. The second test takes the SMS-only path:
// a Somali text to the hotline, and an SMS subscriber told in Somali, through the Twilio double.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { latLngToCell } from 'h3-js';
import { request } from 'playwright-core';
import { register } from 'tsx/esm/api';
import {
  ADMIN,
  BASE_URL,
  apiAs,
  checkA11y,
  fileReport,
  json,
  launch,
  newPhone,
  PHONE,
  signIn,
  startMailbox,
} from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';
const RESPONDER = 'legal-observer@demo.switchboard.local';
// The demo gazetteer's corner (src/demo/gazetteer), and the neighbourhood it lies in.
const CORNER = 'Franklin Ave & Bloomington Ave';
const AREA = 'Ventura Village';

let run;
let mailbox;
before(async () => {
  mailbox = await startMailbox();
  run = await launch();
});
after(async () => {
  await run?.close();
  await mailbox?.close();
});

test('a typed corner in Somali, JavaScript off → placed → dispatched → verified → the neighbourhood’s subscriber is told where in words', async () => {
  const admin = await apiAs(ADMIN);
  await json(
    await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } }),
    'settings',
  );

  // A neighbour subscribes to their neighbourhood by name, by email, on a phone.
  const email = `ventura-${randomUUID().slice(0, 8)}@example.org`;
  const neighbour = await newPhone(run.browser);
  const pub = neighbour.page;
  await pub.goto(`/n/${SLUG}/alerts?lang=en`);
  await pub.getByRole('heading', { level: 1, name: 'Alerts for your area' }).waitFor();
  await pub.getByRole('button', { name: 'Subscribe' }).click();
  await pub.getByText('Choose at least one neighbourhood, or use your location.').waitFor();
  await pub.getByLabel('Neighbourhood').fill('ventura villag');
  await pub.getByRole('button', { name: 'Add', exact: true }).click();
  await pub.getByRole('list', { name: 'Neighbourhoods chosen' }).getByText(AREA).waitFor();
  await checkA11y(pub, 'alerts: a neighbourhood chosen by name');
  await pub.getByRole('radio', { name: 'Email' }).check();
  await pub.getByRole('textbox', { name: 'Email' }).fill(email);
  await pub.getByRole('button', { name: 'Subscribe' }).click();
  const code = /\b(\d{6})\b/.exec(await mailbox.mailTo(email, /code to confirm area alerts is \d{6}/))[1];
  await pub.getByLabel('Code (6 digits)').fill(code);
  await pub.getByRole('button', { name: 'Confirm' }).click();
  await pub.getByRole('status').filter({ hasText: 'You are subscribed.' }).waitFor();

  // A responder is available near the corner (the app sends a coarse cell, never a point).
  const corner = (await json(await admin.get(`/api/v1/networks/${SLUG}/places?q=${encodeURIComponent(CORNER)}`), 'places'))
    .places[0];
  assert.equal(corner.name, CORNER);
  assert.equal(corner.areaName, AREA);
  const responder = await apiAs(RESPONDER);
  await json(
    await responder.put(`/api/v1/networks/${SLUG}/responder/availability`, {
      data: { available: true, cell: latLngToCell(corner.point.lat, corner.point.lng, 8) },
    }),
    'availability',
  );

  // The dispatcher has the console open on a laptop.
  const desk = await newPhone(run.browser);
  const console_ = desk.page;
  await console_.setViewportSize({ width: 1280, height: 900 });
  await signIn(console_, DISPATCHER);
  await console_.goto(`/n/${SLUG}/dispatch`);
  await console_.getByRole('heading', { level: 1, name: 'Dispatch' }).waitFor();
  await console_.locator('.live-indicator.live').waitFor();
  const countInTitle = async () => Number(/^\((\d+)\)/.exec(await console_.title())?.[1] ?? 0);
  const before = await countInTitle();

  // The report: a phone with JavaScript off, in Somali, with only words for where.
  const words = `Waddada Franklin iyo Bloomington ${randomUUID().slice(0, 4)}`;
  const phone = await run.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, baseURL: BASE_URL, locale: 'so' });
  const form = await phone.newPage();
  await form.goto(`/r/${SLUG}?lang=so`);
  await form.getByRole('heading', { level: 1, name: 'Soo sheeg waxa aad aragto' }).waitFor();
  await form.getByLabel('Weerar guri').check();
  await form.getByLabel('Halkee buu ka dhacayaa?').fill(words);
  await form.getByRole('button', { name: 'Dir warbixinta' }).click();
  await form.getByRole('heading', { level: 1, name: 'Warbixinta waa la helay.' }).waitFor();
  await phone.close();

  // It arrives placed, in words, announced and counted in the tab title.
  const item = console_.locator('button.queue-item', { hasText: `${CORNER}, ${AREA}` }).filter({ hasText: 'New' });
  await item.first().waitFor();
  await console_.locator('[aria-live="assertive"]', { hasText: `${CORNER}` }).waitFor();
  assert.ok((await countInTitle()) > before, 'the tab title counts the new incident');
  await item.first().click();
  const panel = console_.locator('article.panel');
  await panel.getByText('You are working on this incident').waitFor();
  await panel.getByRole('definition').filter({ hasText: words }).waitFor();
  const incidentId = new URL(console_.url()).searchParams.get('incident');
  assert.ok(incidentId, 'the open incident is in the URL');

  // Words nobody can place keep the incident off the map, counted apart from reports that gave no place.
  await fileReport({ category: 'staging', locationText: `behind the old grain elevator ${randomUUID().slice(0, 4)}` });
  await console_.locator('.map-note', { hasText: 'the place they wrote was not found' }).waitFor();

  // A reload (or a link sent to another dispatcher) opens the same incident.
  await console_.reload();
  await panel.getByRole('definition').filter({ hasText: words }).waitFor();
  await checkA11y(console_, 'console: a placed incident open after reload');

  // Dispatch, accept, on scene, verify.
  await panel.getByLabel('How many to notify').fill('1');
  await panel.getByRole('button', { name: 'Dispatch', exact: true }).click();
  await console_.getByRole('status').filter({ hasText: 'Responders notified: 1.' }).waitFor();
  const { dispatches } = await json(await responder.get(`/api/v1/networks/${SLUG}/responder`), 'responder');
  const mine = dispatches.find((d) => d.incident.id === incidentId);
  assert.ok(mine, 'the responder was dispatched to this incident');
  for (const status of ['accepted', 'on_scene'])
    await json(await responder.patch(`/api/v1/networks/${SLUG}/dispatches/${mine.id}`, { data: { status } }), status);
  await panel.locator('[data-dispatch]').getByText('On scene').waitFor();
  await panel.getByLabel('Why is it verified?').selectOption('on_scene_confirmation');
  await panel.getByRole('button', { name: 'Verify and alert neighbours' }).click();
  await console_.getByRole('status').filter({ hasText: 'The incident is now: Verified.' }).waitFor();
  // The dispatcher is told how many the alert goes to, by channel (the neighbour above subscribed by email).
  await panel
    .locator('.alert-reach[aria-live="polite"]', { hasText: /^Alert going to \d+ subscribers?: (.+, )?\d+ by email/ })
    .waitFor();

  // The neighbourhood's subscriber is told where, in words; the public page says it too.
  const alert = await mailbox.mailTo(email, /^Verified alert: Home raid/);
  assert.match(alert, new RegExp(`${AREA}, near ${CORNER}`));
  assert.doesNotMatch(alert, /Area [0-9a-f]{15}/, 'no area code in the alert');
  await pub.locator(`[data-incident="${incidentId}"]`, { hasText: `${AREA}, near ${CORNER}` }).waitFor({ timeout: 20_000 });

  // The dispatcher's network drops: the badge says so within seconds, and "Live" again once it is back.
  const started = Date.now();
  await desk.context.setOffline(true);
  await console_.locator('.live-indicator.lost', { hasText: 'Reconnecting…' }).waitFor({ timeout: 5_000 });
  assert.ok(Date.now() - started < 5_000, 'offline is visible within seconds');
  await desk.context.setOffline(false);
  await console_.locator('.live-indicator.live').waitFor({ timeout: 20_000 });

  await json(await responder.put(`/api/v1/networks/${SLUG}/responder/availability`, { data: { available: false } }), 'off');
  await admin.dispose();
  await responder.dispose();
  await neighbour.context.close();
  await desk.context.close();
});

test('SMS only: a Somali text to the hotline names a corner → placed → dispatched → verified → the neighbourhood’s SMS subscriber is told in Somali', async () => {
  // The local Twilio double on the port the server sends to, speaking Twilio's wire format.
  register();
  const { startTwilioDouble } = await import('../../packages/server/test/doubles/twilio.double.ts');
  const { twilioSignature } = await import('../../packages/server/src/modules/public-intake/twilio-signature.ts');
  const twilio = await startTwilioDouble(
    process.env.E2E_TWILIO_SID,
    process.env.E2E_TWILIO_TOKEN,
    Number(process.env.E2E_TWILIO_PORT),
  );
  const smsTo = (phone, pattern) =>
    waitFor(() => twilio.messages.find((m) => m.to === phone && pattern.test(m.body)), `SMS to ${phone} matching ${pattern}`);
  try {
    const CORNER_B = '26th St & Chicago Ave';
    const AREA_B = 'Phillips West';
    const anyone = await request.newContext({ baseURL: BASE_URL });
    const { areas } = await json(await anyone.get(`/api/v1/networks/${SLUG}/areas`), 'areas');
    const area = areas.find((a) => a.name === AREA_B);
    assert.ok(area, `${AREA_B} is a named area`);

    // A neighbour subscribes by SMS to Phillips West, in Somali, and confirms with the texted code.
    const phone = `+1612555${String(1000 + Math.floor(Math.random() * 8999))}`;
    await json(
      await anyone.post(`/api/v1/networks/${SLUG}/alert-subscriptions`, {
        data: { channel: 'sms', phone, areas: [area.id], language: 'so' },
      }),
      'subscribe',
    );
    const code = /\b(\d{6})\b/.exec((await smsTo(phone, /\b\d{6}\b/)).body)[1];
    await json(
      await anyone.post(`/api/v1/networks/${SLUG}/alert-subscriptions/confirm`, { data: { channel: 'sms', phone, code } }),
      'confirm',
    );

    // A responder is near the corner.
    const admin = await apiAs(ADMIN);
    const corner = (await json(await admin.get(`/api/v1/networks/${SLUG}/places?q=${encodeURIComponent(CORNER_B)}`), 'places'))
      .places[0];
    assert.equal(corner.areaName, AREA_B);
    const responder = await apiAs(RESPONDER);
    await json(
      await responder.put(`/api/v1/networks/${SLUG}/responder/availability`, {
        data: { available: true, cell: latLngToCell(corner.point.lat, corner.point.lng, 8) },
      }),
      'availability',
    );

    // The text to the hotline, signed the way Twilio signs it.
    const hook = `/hooks/sms/twilio/${SLUG}`;
    const params = {
      MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
      AccountSid: process.env.E2E_TWILIO_SID,
      From: `+1612555${String(1000 + Math.floor(Math.random() * 8999))}`,
      To: '+16125550000',
      Body: 'Gaadiid ICE ah ayaa taagan Waddada 26th iyo Chicago hadda',
      NumMedia: '0',
    };
    const signature = twilioSignature(process.env.E2E_TWILIO_TOKEN, `${BASE_URL}${hook}`, params);
    const texted = await anyone.post(hook, { form: params, headers: { 'x-twilio-signature': signature } });
    assert.equal(texted.status(), 200, await texted.text());

    // Placed from the words inside the message; dispatched, accepted, on scene, verified.
    const dispatcher = await apiAs(DISPATCHER);
    const placed = await waitFor(async () => {
      const { incidents } = await json(await dispatcher.get(`/api/v1/networks/${SLUG}/incidents?scope=open`), 'incidents');
      return incidents.find((i) => i.placeName === CORNER_B && i.status === 'new');
    }, 'the texted report placed at the corner');
    assert.equal(placed.areaName, AREA_B);
    await json(
      await dispatcher.post(`/api/v1/networks/${SLUG}/incidents/${placed.id}/dispatches`, { data: { count: 1 } }),
      'dispatch',
    );
    const { dispatches } = await json(await responder.get(`/api/v1/networks/${SLUG}/responder`), 'responder');
    const mine = dispatches.find((d) => d.incident.id === placed.id);
    assert.ok(mine, 'the responder was dispatched');
    for (const status of ['accepted', 'on_scene'])
      await json(await responder.patch(`/api/v1/networks/${SLUG}/dispatches/${mine.id}`, { data: { status } }), status);
    const { incident } = await json(await dispatcher.get(`/api/v1/networks/${SLUG}/incidents/${placed.id}`), 'incident');
    await json(
      await dispatcher.post(`/api/v1/networks/${SLUG}/incidents/${placed.id}/status`, {
        data: { status: 'verified', reason: 'on_scene_confirmation', version: incident.version },
      }),
      'verify',
    );

    // The subscriber's phone gets the alert in Somali, naming the neighbourhood and the corner.
    const alert = await smsTo(phone, /agagaarka/);
    assert.match(alert.body, new RegExp(`${AREA_B}, agagaarka ${CORNER_B}`));
    assert.doesNotMatch(alert.body, /[0-9a-f]{15}/, 'no area code in the text');

    await json(await responder.put(`/api/v1/networks/${SLUG}/responder/availability`, { data: { available: false } }), 'off');
    await Promise.all([anyone, admin, responder, dispatcher].map((c) => c.dispose()));
  } finally {
    await twilio.close();
  }
});

/** Poll until `get` returns something (the outbox sends every 2 s), or fail naming what was awaited. */
async function waitFor(get, what, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await get();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
