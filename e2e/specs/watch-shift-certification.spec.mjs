// Issue 4's whole path on a phone: a coordinator plans a weekly shift at a new site that
// needs the "Legal observer" certification; Fartun (a watch volunteer without it) cannot
// sign up; the trainer records her attendance at the legal-observer session; now she can,
// the coverage view turns from short to filled, and she checks in and out. axe on each
// screen. Runs after training.spec.mjs, whose last test checks Fartun is still unticked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { COORDINATOR, checkA11y, launch, newPhone, signIn, localAt, openMenu } from './helpers.mjs';

const SLUG = 'twin-cities';
const TRAINER = 'trainer@demo.switchboard.local';
const WATCH = 'watch@demo.switchboard.local';
const LEGAL_OBSERVER = 'legal-observer@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** Today's coverage card of the shift, after a fresh load of the coverage view. */
async function coverageCard(page, title) {
  await page.goto(`/n/${SLUG}/shifts/coverage`);
  await page.getByRole('heading', { level: 1, name: 'Coverage' }).waitFor();
  const card = page
    .locator('li.card', { hasText: title })
    .filter({ hasText: /Empty|Short|Filled/ })
    .first();
  await card.waitFor();
  return card;
}

/** Sign up for the shift from the open-shifts list; returns the card. */
async function openShiftCard(page, title) {
  await openMenu(page);
  await page.getByRole('link', { name: 'Shifts', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Open shifts' }).waitFor();
  return page.locator('li.card', { hasText: title }).first();
}

test('a certification earned at training lets a volunteer take a gated watch shift; coverage goes short → filled; check in and out', async () => {
  const tag = randomUUID().slice(0, 6);
  const siteName = `Folwell Elementary ${tag}`;
  const title = `Drop-off watch ${tag}`;
  // Today's occurrence starts in 30 minutes, so check-in is open during the run.
  const start = localAt(30);
  const end = localAt(120);

  // 1. The coordinator registers a site and plans a weekly shift for two legal observers.
  const coord = await newPhone(run.browser);
  await signIn(coord.page, COORDINATOR);
  await openMenu(coord.page);
  await coord.page.getByRole('link', { name: 'Sites', exact: true }).click();
  await coord.page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
  await coord.page.getByRole('button', { name: 'Add a site' }).click();
  await coord.page.getByLabel('Name', { exact: true }).fill(siteName);
  await coord.page.getByLabel('Kind of place').selectOption('school');
  await coord.page.getByLabel('Address', { exact: true }).fill('1611 E 38th St, Minneapolis');
  await coord.page.getByLabel('Latitude').fill('44.9347');
  await coord.page.getByLabel('Longitude').fill('-93.2515');
  await coord.page.getByRole('button', { name: 'Add site' }).click();
  await coord.page.getByRole('heading', { level: 1, name: siteName }).waitFor();
  await coord.page.getByLabel('What is the shift?').fill(title);
  await coord.page.getByLabel('First day').fill(start.date);
  await coord.page.getByLabel('Starts at').fill(start.time);
  await coord.page.getByLabel('Ends at').fill(end.time);
  await coord.page.getByRole('checkbox', { name: start.weekday }).check();
  await coord.page.getByLabel('People needed').fill('2');
  await coord.page.getByLabel('Certification required').selectOption({ label: 'Legal observer' });
  await checkA11y(coord.page, 'plan a gated weekly shift');
  await coord.page.getByRole('button', { name: 'Create shift' }).click();
  await coord.page.getByText(/Shift created: \d+ dates planned/).waitFor();
  assert.match(await (await coverageCard(coord.page, title)).innerText(), /Empty/);

  // 2. Fartun holds no legal-observer certification: refused, with the reason.
  const watch = await newPhone(run.browser);
  await signIn(watch.page, WATCH);
  let card = await openShiftCard(watch.page, title);
  // The button says no before anyone taps it: disabled, with the reason and where to get trained.
  assert.equal(await card.getByRole('button', { name: /^Sign up/ }).isDisabled(), true);
  await card.getByText('Needs Legal observer certification').waitFor();
  await card.getByRole('link', { name: 'Find a training session' }).waitFor();
  await checkA11y(watch.page, 'open shifts, refused');

  // 3. Lee (certified) takes one of the two places: the gap is now short, not empty.
  const lee = await newPhone(run.browser);
  await signIn(lee.page, LEGAL_OBSERVER);
  await (await openShiftCard(lee.page, title)).getByRole('button', { name: /^Sign up/ }).click();
  await lee.page.getByText('You are signed up. It is in My shifts.').waitFor();
  const short = await coverageCard(coord.page, title);
  assert.match(await short.innerText(), /Short/);
  assert.match(await short.innerText(), /1 of 2/);
  await checkA11y(coord.page, 'coverage, short');

  // 4. The trainer records Fartun's attendance at the legal-observer session.
  const trainer = await newPhone(run.browser);
  await signIn(trainer.page, TRAINER);
  await openMenu(trainer.page);
  await trainer.page.getByRole('link', { name: 'Training', exact: true }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  await trainer.page
    .locator('li.card', { has: trainer.page.getByRole('heading', { level: 3, name: 'Legal observer', exact: true }) })
    .first()
    .getByRole('link', { name: 'Take attendance' })
    .click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Attendance: Legal observer' }).waitFor();
  await trainer.page.getByRole('checkbox', { name: 'Fartun Watch', exact: true }).check();
  await trainer.page.getByRole('button', { name: 'Save attendance' }).click();
  await trainer.page
    .getByRole('status')
    .filter({ hasText: /Certifications issued: [1-9]/ })
    .waitFor();
  await checkA11y(trainer.page, 'attendance recorded');

  // 5. Now Fartun can sign up (her list is reloaded: it still shows the refusal); the
  // coverage view shows the slot filled.
  await watch.page.reload();
  card = await openShiftCard(watch.page, title);
  await card.getByText('you have it').waitFor();
  await card.getByRole('button', { name: /^Sign up/ }).click();
  await watch.page.getByText('You are signed up. It is in My shifts.').waitFor();
  const filled = await coverageCard(coord.page, title);
  assert.match(await filled.innerText(), /Filled/);
  assert.match(await filled.innerText(), /2 of 2/);
  await checkA11y(coord.page, 'coverage, filled');

  // 6. She checks in and out with one tap each; the coordinator sees her on site meanwhile.
  await openMenu(watch.page);
  await watch.page.getByRole('link', { name: 'My shifts', exact: true }).first().click();
  await watch.page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
  const mine = watch.page.locator('li.card', { hasText: title }).first();
  await mine.getByRole('button', { name: 'I’m here — check in' }).click();
  await watch.page.getByText('Checked in. Thank you for being there.').waitFor();
  await coverageCard(coord.page, title);
  await coord.page.getByText(`Fartun Watch at ${siteName}`).waitFor();
  await mine.getByRole('button', { name: 'I’m leaving — check out' }).click();
  await watch.page.getByText('Checked out. Thank you.').waitFor();
  await checkA11y(watch.page, 'my shifts, checked out');

  for (const p of [coord, watch, lee, trainer]) await p.context.close();
});
