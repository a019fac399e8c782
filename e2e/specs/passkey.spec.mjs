// Passkeys on a phone with a virtual authenticator: register one from the
// profile, sign out, sign back in with it. Also visits profile and sessions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, launch, newPhone, signIn } from './helpers.mjs';

const TRAINER = 'trainer@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('register a passkey on the profile and sign in with it', async () => {
  const { context, page } = await newPhone(run.browser);
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

  await signIn(page, TRAINER);

  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
  await checkA11y(page, 'profile');

  await page.getByRole('link', { name: 'Signed-in devices' }).click();
  await page.getByText('This device').waitFor();
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

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await checkA11y(page, 'sign-in');

  // Without typing the email: a discoverable credential.
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');

  await context.close();
});
