// Qualifications on the organization page, on a phone: a coordinator sets "Verifier" by hand
// on a member, it is kept across a reload, and clearing it is kept too; another coordinator
// sees a qualification that comes from a certification, with its end date, apart from those
// set by hand. axe on every state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { COORDINATOR, checkA11y, launch, newPhone, signIn, switchLanguage } from './helpers.mjs';

const CASE_WORKER = 'case-worker@demo.switchboard.local';
const UNION_COORDINATOR = 'union-coordinator@demo.switchboard.local';
const LEGAL_OBSERVER = 'legal-observer@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** Open the caller's organization page and wait for its member list. */
async function openOrganization(page, name) {
  await page.getByRole('link', { name: 'Manage this organization' }).first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
}

test('a coordinator sets "Verifier" by hand on a member; it is kept after a reload, and so is clearing it', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, COORDINATOR);
  await openOrganization(page, 'Unidos Immigrant Rights Center');
  const card = () => page.locator('li.card').filter({ hasText: CASE_WORKER });
  await card().getByText('Qualifications', { exact: true }).waitFor();
  const name = (await card().locator('strong').first().innerText()).trim();
  await checkA11y(page, 'organization page with qualifications');

  await card().getByText('Change qualifications').click();
  const verifier = card().getByRole('checkbox', { name: 'Verifier', exact: true });
  // Reachable and operable by keyboard: focus the box and press Space.
  await verifier.focus();
  await page.keyboard.press('Space');
  assert.equal(await verifier.isChecked(), true);
  await checkA11y(page, 'qualifications form open');
  await card().getByRole('button', { name: 'Save qualifications' }).click();
  await card()
    .getByRole('status')
    .filter({ hasText: `Qualifications of ${name} are saved.` })
    .waitFor();
  await card().getByRole('listitem').filter({ hasText: 'Verifier' }).filter({ hasText: '(set by hand)' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
  await card().getByRole('listitem').filter({ hasText: 'Verifier' }).filter({ hasText: '(set by hand)' }).waitFor();
  await card().getByText('Change qualifications').click();
  assert.equal(await verifier.isChecked(), true, 'Verifier is still set after a reload');
  await checkA11y(page, 'organization page after reload');

  // Clear it again: unticked, saved, and gone after another reload.
  await verifier.uncheck();
  await card().getByRole('button', { name: 'Save qualifications' }).click();
  await card()
    .getByRole('status')
    .filter({ hasText: `${name} has no qualifications set by hand now.` })
    .waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
  await card().getByText('No qualifications yet.').waitFor();
  await context.close();
});

test('a coordinator sees a qualification from a certification, with its end, apart from those set by hand', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, UNION_COORDINATOR);
  await openOrganization(page, 'SEIU Local 26');
  const card = page.locator('li.card').filter({ hasText: LEGAL_OBSERVER });
  const certified = card
    .getByRole('listitem')
    .filter({ hasText: 'Legal observer' })
    .filter({ hasText: 'from a certification, valid until' });
  await certified.waitFor();
  assert.match(await certified.innerText(), /valid until .*\d{4}/);
  await checkA11y(page, 'organization page with a certified qualification');
  await context.close();
});

test('in Arabic the qualifications read right to left, in Arabic', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, COORDINATOR);
  await openOrganization(page, 'Unidos Immigrant Rights Center');
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(page, 'ar');
  await saved;
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const card = page.locator('li.card').filter({ hasText: CASE_WORKER });
  await card.getByText('المؤهلات', { exact: true }).waitFor();
  await card.getByText('تغيير المؤهلات').click();
  await card.getByRole('checkbox', { name: 'متحقق', exact: true }).waitFor();
  await card.getByRole('button', { name: 'حفظ المؤهلات' }).waitFor();
  await checkA11y(page, 'organization page in Arabic');
  // Back to English, so the coordinator's saved language does not surprise a later spec.
  const back = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(page, 'en');
  await back;
  await context.close();
});
