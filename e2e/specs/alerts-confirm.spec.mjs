// Alert subscriptions by email are confirmed before anything is sent, and dispatchers
// can follow an alert with an update. A neighbour subscribes on the public alerts page
// with an email address, reads the code from the mail (a real SMTP server here, the
// one the test server sends to), and confirms. A dispatcher verifies an incident in
// that area and sends "agents have left": it appears on the public page live and
// reaches the subscriber by email.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { latLngToCell } from 'h3-js';
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
  startMailbox,
  openMenu,
} from './helpers.mjs';

const SLUG = 'twin-cities';
const DISPATCHER = 'dispatcher@demo.switchboard.local';

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
const mailTo = (address, pattern) => mailbox.mailTo(address, pattern);

test('subscribe by email → confirm with the mailed code → a dispatcher update reaches the page and the inbox', async () => {
  // The admin switches on the public alert page.
  const admin = await request.newContext({ baseURL: BASE_URL });
  assert.equal((await admin.post('/api/v1/auth/sign-in', { data: { email: ADMIN, password: DEMO_PASSWORD } })).status(), 200);
  assert.equal(
    (await admin.patch(`/api/v1/networks/${SLUG}/settings`, { data: { rapidResponse: { publicAlertMap: true } } })).status(),
    200,
  );

  const point = somewhere();
  const cell = latLngToCell(point.lat, point.lng, 7);
  const email = `neighbour-${randomUUID().slice(0, 8)}@example.org`;

  // A neighbour subscribes with an email address, on a phone, signed out.
  const neighbour = await newPhone(run.browser);
  const pub = neighbour.page;
  await pub.goto(`/n/${SLUG}/alerts?lang=en`);
  await pub.getByRole('heading', { level: 1, name: 'Alerts for your area' }).waitFor();
  await pub.locator('.live-indicator.live').waitFor();
  await pub.getByText('Area codes (advanced)').click();
  await pub.getByLabel('Area codes (optional)').fill(cell);
  await pub.getByRole('radio', { name: 'Email' }).check();
  await pub.getByRole('textbox', { name: 'Email' }).fill(email);
  await pub.getByRole('button', { name: 'Subscribe' }).click();

  // Nothing is active yet: the page asks for the code that was mailed.
  await pub.getByRole('heading', { level: 2, name: 'Confirm your subscription' }).waitFor();
  await pub.getByText(`We sent a code to ${email}.`).waitFor();
  await checkA11y(pub, 'alerts: enter the code');
  const mail = await mailTo(email, /code to confirm area alerts is \d{6}/);
  const code = /\b(\d{6})\b/.exec(mail)[1];
  assert.match(mail, new RegExp(`${BASE_URL}/n/${SLUG}/alerts`));

  // A wrong code first: refused, in words.
  await pub.getByLabel('Code (6 digits)').fill(code === '000000' ? '000001' : '000000');
  await pub.getByRole('button', { name: 'Confirm' }).click();
  await pub.getByRole('alert').filter({ hasText: 'That confirmation code is wrong or has expired.' }).waitFor();
  await pub.getByLabel('Code (6 digits)').fill(code);
  await pub.getByRole('button', { name: 'Confirm' }).click();
  const subscribed = pub.getByRole('status').filter({ hasText: 'You are subscribed.' });
  await subscribed.waitFor();
  const stopCode = /: ([A-Za-z0-9_-]{43})$/.exec((await subscribed.innerText()).trim())[1];
  await checkA11y(pub, 'alerts: subscribed');

  // Two neighbours report a raid there; a dispatcher verifies it and sends an update.
  const street = `Bloomington Ave & ${10 + Math.floor(Math.random() * 80)}th St ${randomUUID().slice(0, 4)}`;
  await fileReport({ category: 'workplace_raid', locationText: street, point });
  await fileReport({ category: 'workplace_raid', locationText: street, point });
  const dispatcher = await newPhone(run.browser);
  const console_ = dispatcher.page;
  await console_.setViewportSize({ width: 1280, height: 900 });
  await signIn(console_, DISPATCHER);
  await openMenu(console_);
  await console_.getByRole('link', { name: 'Dispatch', exact: true }).click();
  await console_.getByRole('heading', { level: 1, name: 'Dispatch' }).waitFor();
  const item = console_.locator('button.queue-item', { hasText: street });
  await item.filter({ hasText: 'Reports: 2' }).waitFor();
  const incidentId = await item.getAttribute('data-incident');
  await item.click();
  const panel = console_.locator('article.panel');
  await panel.getByText('You are working on this incident').waitFor();
  // No update can be sent before the incident is verified: the form is not there.
  assert.equal(await panel.getByRole('heading', { name: 'Update alert subscribers' }).count(), 0);
  await panel.getByLabel('Why is it verified?').selectOption('corroborated');
  await panel.getByRole('button', { name: 'Verify and alert neighbours' }).click();
  await console_.getByRole('status').filter({ hasText: 'The incident is now: Verified.' }).waitFor();

  // The confirmed neighbour gets the alert on the page and by email.
  const alerts = pub.locator(`[data-incident="${incidentId}"]`);
  await alerts.filter({ hasText: 'Confirmed' }).waitFor({ timeout: 20_000 });
  await mailTo(email, /^Verified alert: Workplace raid/);

  await panel.getByRole('heading', { name: 'Update alert subscribers' }).waitFor();
  await panel.getByText('free text would reach people untranslated').waitFor();
  await panel.getByRole('radio', { name: 'Agents have left the area' }).check();
  await checkA11y(console_, 'dispatcher: alert update form');
  await panel.getByRole('button', { name: 'Send update' }).click();
  await console_
    .getByRole('status')
    .filter({ hasText: /^Update sent to \d+ subscribers\.$/ })
    .waitFor();
  await panel.getByText('Update sent to alert subscribers').waitFor(); // on the timeline

  // The update appears on the public page live, and reaches the inbox.
  const update = alerts.filter({ hasText: 'Agents have left the area.' });
  await update.waitFor({ timeout: 20_000 });
  await update.getByText('Update', { exact: true }).waitFor();
  await checkA11y(pub, 'public alerts with an update');
  // Where it says depends on the random point: a neighbourhood's name inside Minneapolis, else
  // "the area around …"; the update named is what this checks.
  await mailTo(email, /^Alert update: agents have left \S/);

  // A double click is refused with a reason, not sent twice.
  await panel.getByRole('button', { name: 'Send update' }).click();
  await panel.getByRole('alert').filter({ hasText: 'This update went out less than 10 minutes ago.' }).waitFor();

  // The neighbour stops alerts with the stop code they were shown.
  await pub.getByLabel('Your stop code').fill(stopCode);
  await pub.getByRole('button', { name: 'Stop alerts' }).click();
  await pub.getByRole('status').filter({ hasText: 'Alerts stopped.' }).waitFor();

  await admin.dispose();
  await neighbour.context.close();
  await dispatcher.context.close();
});
