// Foundation journey on a phone: an admin creates an organization and an
// invitation; a new member joins and is pending; the admin vouches; the member
// signs in active and switches to Somali, then Arabic (right to left).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, checkA11y, launch, newPhone, signIn, openMenu } from './helpers.mjs';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('invite, join pending, vouch, sign in active, switch language', async () => {
  const suffix = randomBytes(3).toString('hex');
  const orgName = `Northside Tenants ${suffix}`;
  const member = { name: `Amina ${suffix}`, email: `amina-${suffix}@example.org`, password: 'a long member passphrase' };

  // Admin signs in.
  const admin = await newPhone(run.browser);
  await signIn(admin.page, ADMIN);
  await checkA11y(admin.page, 'admin home');

  // Creates an organization.
  await admin.page.getByRole('link', { name: 'Organizations' }).first().click();
  await admin.page.getByLabel('Organization name').waitFor();
  await checkA11y(admin.page, 'network organizations');
  await admin.page.getByLabel('Organization name').fill(orgName);
  await admin.page.getByLabel('Kind').selectOption('informal');
  await admin.page.getByLabel('Type', { exact: true }).selectOption('block_group');
  await admin.page.getByRole('button', { name: 'Add organization' }).click();
  await admin.page
    .getByRole('status')
    .filter({ hasText: `${orgName} is added` })
    .waitFor();

  // Opens it and creates an invitation for a responder.
  await admin.page.getByRole('link', { name: orgName }).click();
  await admin.page.getByRole('heading', { level: 1, name: orgName }).waitFor();
  await checkA11y(admin.page, 'organization page');
  const responder = admin.page.getByRole('group', { name: 'Roles they will have' }).getByLabel('Responder', { exact: true });
  if (!(await responder.isChecked())) await responder.check();
  await admin.page.getByRole('button', { name: 'Create invitation link' }).click();
  const linkInput = admin.page.getByLabel('Invitation link');
  await linkInput.waitFor();
  const url = await linkInput.inputValue();
  assert.match(url, /\/invite\/[A-Za-z0-9_-]{32,64}$/);
  await checkA11y(admin.page, 'organization page with new link');

  // The member opens the link in a fresh browser context and joins.
  const newcomer = await newPhone(run.browser);
  const inviteUrl = new URL(new URL(url).pathname, BASE_URL).toString();
  await newcomer.page.goto(inviteUrl);
  await newcomer.page.getByText(orgName).waitFor();
  await newcomer.page.getByText('Responder').waitFor();
  await checkA11y(newcomer.page, 'invitation page');
  await newcomer.page.getByLabel('Your name').fill(member.name);
  await newcomer.page.getByLabel('Email').fill(member.email);
  await newcomer.page.getByLabel('Password', { exact: true }).fill(member.password);
  await newcomer.page.getByRole('button', { name: 'Join' }).click();
  await newcomer.page.getByText(/pending until one trusted member vouches for you/).waitFor();
  await checkA11y(newcomer.page, 'invitation accepted');

  // The admin vouches for them.
  await admin.page.goto('/n/twin-cities/vouch');
  await admin.page.getByRole('heading', { level: 1, name: 'Vouch for new members' }).waitFor();
  await admin.page.locator('strong', { hasText: member.name }).waitFor();
  // Enough to tell who this is: email, organization joined and who invited them.
  const card = admin.page.locator('li.card').filter({ hasText: member.name });
  const facts = await card.locator('dl').innerText();
  assert.ok(facts.includes(member.email), facts);
  assert.ok(facts.includes(orgName), facts);
  assert.match(facts, /Invited by\s+Alex Admin/);
  await checkA11y(admin.page, 'vouch page');
  await admin.page.getByRole('button', { name: `Vouch ${member.name}` }).click();
  await admin.page
    .getByRole('status')
    .filter({ hasText: `${member.name} is now an active member` })
    .waitFor();

  // The member signs out, signs in again and is active.
  // (Accepting the invitation signed them in on this device.)
  await newcomer.page.goto('/');
  await newcomer.page.getByRole('heading', { level: 1, name: `Hello, ${member.name}` }).waitFor();
  await openMenu(newcomer.page);
  await newcomer.page.getByRole('button', { name: 'Sign out' }).click();
  await newcomer.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await newcomer.page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
  await signIn(newcomer.page, member.email, member.password);
  const status = newcomer.page.locator('.card').filter({ hasText: orgName });
  await status.locator('.badge', { hasText: 'Active' }).waitFor();
  await checkA11y(newcomer.page, 'member home');

  // Switches to Somali.
  await openMenu(newcomer.page);
  await newcomer.page.getByLabel('Language', { exact: true }).selectOption('so');
  await openMenu(newcomer.page);
  await newcomer.page.getByRole('link', { name: 'Bogga hore' }).waitFor();
  assert.equal(await newcomer.page.evaluate(() => document.documentElement.lang), 'so');
  await checkA11y(newcomer.page, 'member home in Somali');

  // Switches to Arabic: right to left.
  await openMenu(newcomer.page);
  await newcomer.page.getByLabel('Luqadda', { exact: true }).selectOption('ar');
  await newcomer.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await newcomer.page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await newcomer.page.title(), 'Switchboard');
  await checkA11y(newcomer.page, 'member home in Arabic');

  // The choice is saved to the profile: a reload stays in Arabic.
  await newcomer.page.reload();
  await newcomer.page.waitForFunction(() => document.documentElement.dir === 'rtl');

  await admin.context.close();
  await newcomer.context.close();
});
