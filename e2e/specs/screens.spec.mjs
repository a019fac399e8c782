// The remaining screens, each checked with axe on a phone: sign-in errors, a
// dead invitation link, network settings, audit log, an organization page as
// its coordinator (roles, invitation revoke), an organization request admitted
// by the admin, and a page in Arabic (right to left).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN, COORDINATOR, checkA11y, launch, newPhone, signIn, openMenu } from './helpers.mjs';

const ORGANIZER = 'organizer@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('signed out: wrong password, dead invitation link, unknown page', async () => {
  const { context, page } = await newPhone(run.browser);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'That email and password do not match' }).waitFor();
  await checkA11y(page, 'sign-in with error');

  await page.goto(`/invite/${'x'.repeat(43)}`);
  await page.getByRole('alert').filter({ hasText: 'This invitation link is not valid any more' }).waitFor();
  await checkA11y(page, 'dead invitation');

  await page.goto('/nowhere');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await checkA11y(page, 'not found');

  // A signed-out visit to a signed-in page goes to sign-in.
  await page.goto('/profile');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), '/profile');

  // A ?lang= link opens in that language, signed out, and the choice sticks.
  await page.goto('/sign-in?lang=hmn');
  await page.getByRole('heading', { level: 1, name: 'Nkag' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'hmn');
  await checkA11y(page, 'sign-in in Hmong');
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Nkag' }).waitFor();
  await context.close();
});

test('admin: network settings and audit log', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Network settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Network settings' }).waitFor();
  await checkA11y(page, 'network settings');
  const audit = page.getByLabel('Audit log (days)');
  await audit.fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Enter a whole number from 30 to 3650.').waitFor();
  assert.equal(await audit.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'network settings with an error');
  await audit.fill('400');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'The network settings are saved.' }).waitFor();
  await page.reload();
  await page.getByLabel('Audit log (days)').waitFor();
  assert.equal(await page.getByLabel('Audit log (days)').inputValue(), '400');

  // The demo's public alert page is on and its hotline set; a number the server would refuse is caught here first.
  assert.equal(await page.getByLabel(/^Public alert page/).isChecked(), true);
  const hotline = page.getByLabel('Hotline phone number');
  assert.equal(await hotline.inputValue(), '+16125550000');
  await hotline.fill('555-0199');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Enter the number with + and the country code: 7 to 15 digits, for example +16125550000.').waitFor();
  assert.equal(await hotline.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'network settings with a bad hotline number');
  // Spaces as people type them are dropped.
  await hotline.fill('+1 612 555 0199');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'The network settings are saved.' }).waitFor();
  await page.reload();
  assert.equal(await page.getByLabel('Hotline phone number').inputValue(), '+16125550199');

  await page.goto('/');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  // Entries read as words, not action codes.
  await page.getByText('Network settings changed').first().waitFor();
  await checkA11y(page, 'audit log');
  await context.close();
});

test('coordinator: change roles, create and revoke an invitation', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, COORDINATOR);
  await page.getByRole('link', { name: 'Manage this organization' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Unidos Immigrant Rights Center' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
  await page.locator('li.card').filter({ hasText: 'dispatcher@demo.switchboard.local' }).waitFor();
  await checkA11y(page, 'organization page (coordinator)');

  // Give the dispatcher the driver role too.
  const card = page.locator('li.card').filter({ hasText: 'dispatcher@demo.switchboard.local' });
  const name = (await card.locator('strong').first().innerText()).trim();
  await card.getByText('Change roles').click();
  await card.getByLabel('Driver', { exact: true }).check();
  await card.getByRole('button', { name: 'Save roles' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Roles of ${name} are saved.` })
    .waitFor();

  // Create a link, then revoke it.
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await page.getByLabel('Invitation link').waitFor();
  const open = page.locator('li.card').filter({ hasText: 'Open' }).first();
  await open.getByRole('button', { name: 'Revoke' }).click();
  await open.getByRole('button', { name: 'Yes, revoke' }).click();
  await page.getByRole('status').filter({ hasText: 'The invitation link is revoked.' }).waitFor();
  await checkA11y(page, 'organization page after revoke');
  await context.close();
});

test('a member asks to add an organization; the admin admits it; Arabic is right to left', async () => {
  const orgName = `Corcoran Neighbors ${randomBytes(3).toString('hex')}`;
  const member = await newPhone(run.browser);
  // The organizer's saved language is Arabic: the app adopts it at sign-in.
  await signIn(member.page, ORGANIZER, undefined, { english: false });
  await member.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await member.page.getByRole('heading', { level: 1, name: /^مرحبًا/ }).waitFor();
  await checkA11y(member.page, 'home in Arabic');
  const savedEnglish = member.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await openMenu(member.page);
  await member.page.getByLabel('اللغة', { exact: true }).selectOption('en');
  await savedEnglish;
  await member.page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
  assert.equal(await member.page.evaluate(() => document.documentElement.dir), 'ltr');
  await member.page.getByRole('link', { name: 'Organizations' }).first().click();
  await member.page.getByRole('heading', { level: 2, name: 'Ask to add an organization' }).waitFor();
  await checkA11y(member.page, 'network page (member)');
  await member.page.getByLabel('Organization name').fill(orgName);
  await member.page.getByRole('button', { name: 'Send request' }).click();
  await member.page
    .getByRole('status')
    .filter({ hasText: `Your request for ${orgName} is sent` })
    .waitFor();
  await openMenu(member.page);
  await member.page.getByRole('link', { name: 'Home' }).click();
  const mine = member.page.locator('li.card').filter({ hasText: orgName });
  await mine.getByText('waiting for a network administrator to admit it').waitFor();

  const admin = await newPhone(run.browser);
  await signIn(admin.page, ADMIN);
  await admin.page.getByRole('link', { name: /Organizations asking to join/ }).click();
  await admin.page.getByRole('heading', { level: 2, name: 'Asking to join' }).waitFor();
  await checkA11y(admin.page, 'network page with requests');
  await admin.page.getByRole('button', { name: `Admit ${orgName}` }).click();
  await admin.page
    .getByRole('status')
    .filter({ hasText: `${orgName} is admitted to the network.` })
    .waitFor();
  await admin.page.getByRole('link', { name: orgName }).waitFor();

  // Once admitted, the requester can manage it.
  await member.page.reload();
  await mine.getByRole('link', { name: 'Manage this organization' }).click();
  await member.page.getByRole('heading', { level: 1, name: orgName }).waitFor();
  await member.page.goto('/n/twin-cities');

  // The member reads the network page in Arabic. The choice is saved to the
  // profile; wait for that save before a full page load reads it back.
  const saved = member.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await openMenu(member.page);
  await member.page.getByLabel('Language', { exact: true }).selectOption('ar');
  assert.equal((await saved).status(), 200);
  await member.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await member.page.getByRole('heading', { level: 2, name: 'المنظمات' }).waitFor();
  await checkA11y(member.page, 'network page in Arabic');
  await member.page.goto('/profile');
  await member.page.getByRole('heading', { level: 1, name: 'الملف الشخصي' }).waitFor();
  await checkA11y(member.page, 'profile in Arabic');

  await member.context.close();
  await admin.context.close();
});

test('offline: the cached app shell opens with an offline banner; no API response is cached', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, COORDINATOR);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();

  await context.setOffline(true);
  await page.reload();
  await page.getByText('You are offline.').waitFor();
  await page.getByRole('alert').filter({ hasText: 'Could not reach Switchboard' }).waitFor();
  assert.equal(await page.title(), 'Switchboard');
  await checkA11y(page, 'offline shell');

  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  assert.ok(cached.length > 0, 'the shell is cached');
  assert.deepEqual(
    cached.filter((u) => u.startsWith('/api/')),
    [],
    'no API response is cached',
  );
  await context.setOffline(false);
  await context.close();
});

test('signing out another device from the sessions screen; that device is sent to sign-in', async () => {
  const DRIVER = 'driver@demo.switchboard.local';
  const a = await newPhone(run.browser);
  const b = await newPhone(run.browser);
  await signIn(a.page, DRIVER);
  await signIn(b.page, DRIVER);

  await openMenu(b.page);
  await b.page.getByRole('link', { name: 'Profile' }).click();
  await b.page.getByRole('link', { name: 'Signed-in devices' }).click();
  await b.page.getByText('This device', { exact: true }).waitFor();
  const other = b.page
    .locator('li.card')
    .filter({ hasNot: b.page.locator('.badge', { hasText: 'This device' }) })
    .first();
  await other.getByRole('button', { name: 'Sign this device out' }).click();
  await other.getByRole('button', { name: 'Yes, sign it out' }).click();
  await b.page.getByRole('status').filter({ hasText: 'That device is signed out.' }).waitFor();

  // Device A's next request fails as signed out: it lands on sign-in, ready to come back.
  await openMenu(a.page);
  await a.page.getByRole('link', { name: 'Profile' }).click();
  await a.page.getByRole('link', { name: 'Signed-in devices' }).click();
  await a.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(new URL(a.page.url()).searchParams.get('next'), '/profile/sessions');

  await a.context.close();
  await b.context.close();
});

test('profile: area code and phone are checked, saved and kept; password change', async () => {
  const CASE_WORKER = 'case-worker@demo.switchboard.local';
  const { context, page } = await newPhone(run.browser);
  await signIn(page, CASE_WORKER);
  await openMenu(page);
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();

  await page.getByLabel('Display name').fill('Casey Worker');
  await page
    .getByRole('group', { name: 'Languages you speak' })
    .getByLabel(/Somali/)
    .check();
  const area = page.getByLabel('Area code (optional)');
  await area.fill('not-a-cell');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('This area code is not valid.').waitFor();
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'profile with an error');

  await area.fill('872830828ffffff');
  await page.getByRole('group', { name: 'How to reach you' }).getByLabel('Text message (SMS)').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Add a phone number to receive text messages').waitFor();
  await page.getByLabel('Phone number for text messages').fill('+1 612 555 0100');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor();

  await page.reload();
  await page.getByLabel('Display name').waitFor();
  assert.equal(await page.getByLabel('Display name').inputValue(), 'Casey Worker');
  assert.equal(await page.getByLabel('Area code (optional)').inputValue(), '872830828ffffff');
  assert.equal(await page.getByLabel('Phone number for text messages').inputValue(), '+1 612 555 0100');

  // Password: a wrong current password says so; the right one changes it.
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('alert').filter({ hasText: 'That email and password do not match' }).waitFor();
  await page.getByLabel('Current password').fill('demo-password-2026');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
  await openMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, CASE_WORKER, 'a brand new passphrase');
  await context.close();
});
