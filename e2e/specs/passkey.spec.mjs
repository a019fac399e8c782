// Passkeys on a phone with a virtual authenticator: register one from the
// profile, sign out, sign back in with it. Also visits profile and sessions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, DEMO_PASSWORD, checkA11y, launch, newPhone, signIn, openMenu, switchLanguage } from './helpers.mjs';

const TRAINER = 'trainer@demo.switchboard.local';
const UNION_COORDINATOR = 'union-coordinator@demo.switchboard.local';

/** A CDP virtual platform authenticator with user verification. */
async function addAuthenticator(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('register a passkey on the profile and sign in with it', async () => {
  const { context, page } = await newPhone(run.browser);
  const { cdp, authenticatorId } = await addAuthenticator(context, page);

  await signIn(page, TRAINER);

  await openMenu(page);
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
  await checkA11y(page, 'profile');

  await page.getByRole('link', { name: 'Signed-in devices' }).click();
  await page.getByText('This device', { exact: true }).waitFor();
  await checkA11y(page, 'sessions');

  await page.goto('/profile/passkeys');
  await page.getByRole('heading', { level: 1, name: 'Passkeys' }).waitFor();
  await checkA11y(page, 'passkeys');
  await page.getByLabel('Name for this passkey').fill('my phone');
  await page.getByRole('button', { name: 'Add passkey' }).click();
  await page.getByRole('status').filter({ hasText: 'Passkey “my phone” added' }).waitFor();
  await page.locator('.card strong', { hasText: 'my phone' }).waitFor();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'the authenticator holds one credential');
  assert.equal(credentials[0].isResidentCredential, true, 'the passkey is discoverable');

  await openMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await checkA11y(page, 'sign-in');

  // Without typing the email: a discoverable credential.
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');

  await context.close();
});

/** Tick or untick the network's passkey rule as the admin. */
async function setPasskeyRule(page, on) {
  await page.goto('/n/twin-cities/settings');
  const box = page.getByLabel('Coordinators and administrators must sign in with a passkey');
  await box.setChecked(on);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'The network settings are saved.' }).waitFor();
}

test('when the network requires passkeys, a coordinator is sent to add one, then must use it', async () => {
  const admin = await newPhone(run.browser);
  await addAuthenticator(admin.context, admin.page);
  await signIn(admin.page, ADMIN);
  // The admin adds a passkey first: once the rule is on, a password session of
  // someone without one may do nothing but add one (the server enforces it).
  await admin.page.goto('/profile/passkeys');
  await admin.page.getByLabel('Name for this passkey').fill('admin phone');
  await admin.page.getByRole('button', { name: 'Add passkey' }).click();
  await admin.page.getByRole('status').filter({ hasText: 'Passkey “admin phone” added' }).waitFor();
  await setPasskeyRule(admin.page, true);
  try {
    const { context, page } = await newPhone(run.browser);
    await addAuthenticator(context, page);
    // No passkey yet: a password sign-in is allowed, and lands on the passkeys page.
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(UNION_COORDINATOR);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/profile/passkeys');
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') await switchLanguage(page, 'en');
    const nudge = page.getByRole('region', { name: 'Passkey needed' });
    await nudge.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Passkeys' }).waitFor();
    await checkA11y(page, 'passkeys page, passkey required');
    // Any other screen sends them back here until they add one.
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/profile/passkeys');
    // Removing the last passkey later is refused while the rule is on (tested on the API).
    await page.getByLabel('Name for this passkey').fill('work phone');
    await page.getByRole('button', { name: 'Add passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey “work phone” added' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    assert.equal(await nudge.count(), 0, 'the nudge is gone once a passkey exists');

    // Now the password alone is refused, with a way forward.
    await openMenu(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(UNION_COORDINATOR);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Your role requires signing in with a passkey.' }).waitFor();
    await checkA11y(page, 'sign-in asking for a passkey');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    await context.close();
  } finally {
    await setPasskeyRule(admin.page, false);
    await admin.context.close();
  }
});
