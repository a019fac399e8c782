// Watch shifts in the browser, on a phone: a coordinator registers a site and plans a
// weekly shift needing the "Legal observer" certification; Fartun (not certified)
// cannot sign up and is told why; Lee (certified) signs up; coverage turns from empty
// to filled; Lee checks in and out. axe on every screen. Labels here are the ones the
// cross-feature spec (training → shifts) reuses: keep them stable.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { COORDINATOR, checkA11y, launch, newPhone, signIn, localAt, openMenu, switchLanguage } from './helpers.mjs';

const SLUG = 'twin-cities';
const WATCH = 'watch@demo.switchboard.local';
const LEGAL_OBSERVER = 'legal-observer@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** The coverage card of our shift for a given state (gaps are listed first). */
async function coverageState(page, title) {
  await page.goto(`/n/${SLUG}/shifts/coverage`);
  await page.getByRole('heading', { level: 1, name: 'Coverage' }).waitFor();
  const first = page.locator('li.card', { hasText: title }).filter({ hasText: /Empty|Short|Filled/ });
  await first.first().waitFor();
  return page;
}

test('coordinator plans a legal-observer shift; uncertified volunteer refused, certified one signs up, checks in and out; coverage fills', async () => {
  const tag = randomUUID().slice(0, 6);
  const siteName = `Roosevelt High ${tag}`;
  const title = `Morning watch ${tag}`;
  // Starts in 30 minutes (check-in opens an hour before), so the day's shift is live for this run.
  const start = localAt(30);
  const end = localAt(150);
  const weekday = start.weekday;

  // 1. The coordinator registers a site.
  const coord = await newPhone(run.browser);
  await signIn(coord.page, COORDINATOR);
  await openMenu(coord.page);
  await coord.page.getByRole('link', { name: 'Sites', exact: true }).click();
  await coord.page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
  await checkA11y(coord.page, 'sites');
  await coord.page.getByRole('button', { name: 'Add a site' }).click();
  await coord.page.getByLabel('Name', { exact: true }).fill(siteName);
  await coord.page.getByLabel('Kind of place').selectOption('school');
  await coord.page.getByLabel('Address', { exact: true }).fill('3601 44th Ave S, Minneapolis');
  await coord.page.getByLabel('Latitude').fill('44.9346');
  await coord.page.getByLabel('Longitude').fill('-93.2176');
  await coord.page.getByLabel('Notes for volunteers').fill('Meet at the flagpole.');
  await checkA11y(coord.page, 'site form');
  await coord.page.getByRole('button', { name: 'Add site' }).click();
  await coord.page.getByRole('heading', { level: 1, name: siteName }).waitFor();
  await coord.page.getByText('Site added.').waitFor();
  await checkA11y(coord.page, 'site page');

  // 2. …and plans a weekly shift on today's weekday needing "Legal observer".
  await coord.page.getByLabel('What is the shift?').fill(title);
  await coord.page.getByLabel('First day').fill(start.date);
  await coord.page.getByLabel('Starts at').fill(start.time);
  await coord.page.getByLabel('Ends at').fill(end.time);
  await coord.page.getByRole('checkbox', { name: weekday }).check();
  await coord.page.getByLabel('People needed').fill('1');
  await coord.page.getByLabel('Certification required').selectOption({ label: 'Legal observer' });
  await checkA11y(coord.page, 'plan a shift');
  await coord.page.getByRole('button', { name: 'Create shift' }).click();
  await coord.page.getByText(/Shift created: \d+ dates planned/).waitFor();

  // Coverage: today's slot is a gap.
  await coverageState(coord.page, title);
  assert.match(await coord.page.locator('li.card', { hasText: title }).first().innerText(), /Empty/);
  await checkA11y(coord.page, 'coverage (gap)');

  // 3. Fartun has no legal-observer certification: a clear refusal.
  const watch = await newPhone(run.browser);
  await signIn(watch.page, WATCH);
  await openMenu(watch.page);
  await watch.page.getByRole('link', { name: 'Shifts', exact: true }).click();
  await watch.page.getByRole('heading', { level: 1, name: 'Open shifts' }).waitFor();
  const watchCard = watch.page.locator('li.card', { hasText: title }).first();
  await watchCard.getByText('Needs Legal observer certification').waitFor();
  // The button says no before anyone taps it: disabled, with the reason and where to get trained.
  assert.equal(await watchCard.getByRole('button', { name: /^Sign up/ }).isDisabled(), true);
  await watchCard.getByText('Needs Legal observer certification').waitFor();
  await watchCard.getByRole('link', { name: 'Find a training session' }).waitFor();
  await checkA11y(watch.page, 'open shifts (refused)');

  // 4. Lee holds it: signs up, then checks in and out with one tap each.
  const lee = await newPhone(run.browser);
  await signIn(lee.page, LEGAL_OBSERVER);
  await openMenu(lee.page);
  await lee.page.getByRole('link', { name: 'Shifts', exact: true }).click();
  await lee.page.getByRole('heading', { level: 1, name: 'Open shifts' }).waitFor();
  const leeCard = lee.page.locator('li.card', { hasText: title }).first();
  await leeCard.getByText('you have it').waitFor();
  await leeCard.getByRole('button', { name: /^Sign up/ }).click();
  await lee.page.getByText('You are signed up. It is in My shifts.').waitFor();
  await checkA11y(lee.page, 'open shifts (signed up)');

  await openMenu(lee.page);
  await lee.page.getByRole('link', { name: 'My shifts', exact: true }).first().click();
  await lee.page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
  const mine = lee.page.locator('li.card', { hasText: title }).first();
  await checkA11y(lee.page, 'my shifts');
  await mine.getByRole('button', { name: 'I’m here — check in' }).click();
  await lee.page.getByText('Checked in. Thank you for being there.').waitFor();
  await mine.getByText('On site').waitFor();

  // The coordinator sees the slot filled and Lee on site.
  await coverageState(coord.page, title);
  const filled = coord.page.locator('li.card', { hasText: title }).filter({ hasText: 'Filled' });
  await filled.first().waitFor();
  assert.match(await filled.first().innerText(), /1 of 1/);
  await coord.page.getByText(`Lee Observer at ${siteName}`).waitFor();
  await checkA11y(coord.page, 'coverage (filled)');

  await mine.getByRole('button', { name: 'I’m leaving — check out' }).click();
  await lee.page.getByText('Checked out. Thank you.').waitFor();
  await checkA11y(lee.page, 'my shifts (checked out)');

  // Next week's date is a gap: the coordinator assigns Dana directly (Maria is renamed by screens.spec), overriding the certification (audited).
  await coord.page.getByRole('button', { name: 'Next week' }).click();
  const gap = coord.page.locator('li.card', { hasText: title }).filter({ hasText: 'Empty' }).first();
  await gap.getByText('Assign someone').click();
  await gap.getByLabel('Person').selectOption({ label: 'Dana Dispatcher' });
  await gap.getByRole('button', { name: 'Assign', exact: true }).click();
  await gap.getByRole('alert').getByText('This needs a certification you do not hold, or yours has expired.').waitFor();
  await gap.getByLabel(/Assign even without Legal observer/).check();
  await checkA11y(coord.page, 'coverage (assign)');
  await gap.getByRole('button', { name: 'Assign', exact: true }).click();
  await coord.page.getByText('Dana Dispatcher is on this shift and has been told.').waitFor();
  await coord.page.locator('li.card', { hasText: title }).filter({ hasText: 'Filled' }).first().waitFor();

  // Coverage in Arabic lays out right to left and stays accessible; then back to English.
  await switchLanguage(coord.page, 'ar');
  await coord.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await coord.page.getByRole('heading', { level: 1, name: 'التغطية' }).waitFor();
  await coord.page.locator('li.card', { hasText: title }).filter({ hasText: 'مكتملة' }).first().waitFor();
  await checkA11y(coord.page, 'coverage in Arabic');
  const saved = coord.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(coord.page, 'en');
  await saved;

  for (const p of [coord, watch, lee]) await p.context.close();
});

test('coordinator skips a date of a shift, puts it back, and changes the shift from a date on', async () => {
  const tag = randomUUID().slice(0, 6);
  const siteName = `Hiawatha Mosque ${tag}`;
  const title = `Friday prayer watch ${tag}`;
  const tomorrow = localAt(24 * 60);
  const coord = await newPhone(run.browser);
  await signIn(coord.page, COORDINATOR);
  await coord.page.goto(`/n/${SLUG}/sites`);
  await coord.page.getByRole('button', { name: 'Add a site' }).click();
  await coord.page.getByLabel('Name', { exact: true }).fill(siteName);
  await coord.page.getByLabel('Kind of place').selectOption('mosque');
  await coord.page.getByLabel('Address', { exact: true }).fill('3120 Minnehaha Ave, Minneapolis');
  await coord.page.getByLabel('Latitude').fill('44.9460');
  await coord.page.getByLabel('Longitude').fill('-93.2330');
  await coord.page.getByRole('button', { name: 'Add site' }).click();
  await coord.page.getByRole('heading', { level: 1, name: siteName }).waitFor();
  await coord.page.getByText('No shifts planned here yet.').waitFor();

  // A shift every day from tomorrow.
  await coord.page.getByLabel('What is the shift?').fill(title);
  await coord.page.getByLabel('First day').fill(tomorrow.date);
  await coord.page.getByLabel('Starts at').fill('12:00');
  await coord.page.getByLabel('Ends at').fill('14:00');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
    await coord.page.getByRole('checkbox', { name: day }).check();
  await coord.page.getByLabel('People needed').fill('1');
  await coord.page.getByRole('button', { name: 'Create shift' }).click();
  await coord.page.getByText(/Shift created: \d+ dates planned/).waitFor();

  // The site's shifts list it; skip the first date.
  const card = coord.page.locator('li.card', { has: coord.page.getByRole('heading', { level: 3, name: title }) });
  await card.waitFor();
  await card.getByText('No dates skipped.').waitFor();
  const firstDate = await card.getByLabel('Date to skip').inputValue();
  assert.equal(firstDate, tomorrow.date);
  await checkA11y(coord.page, 'site shifts');
  await card.getByRole('button', { name: 'Skip this date' }).click();
  const panel = coord.page.getByRole('region', { name: 'Shifts planned here' });
  await panel
    .getByRole('status')
    .filter({ hasText: /is skipped\. People signed up have been told\./ })
    .waitFor();
  const putBack = card.getByRole('button', { name: /^Put back / });
  await putBack.waitFor();
  assert.notEqual(await card.getByLabel('Date to skip').inputValue(), tomorrow.date);
  await checkA11y(coord.page, 'skipped date');
  await putBack.click();
  await panel
    .getByRole('status')
    .filter({ hasText: /is back on/ })
    .waitFor();
  await card.getByText('No dates skipped.').waitFor();

  // Change it from the third date on: later start, two people.
  await card.getByRole('button', { name: 'Change from a date' }).click();
  const form = card.locator('form', { has: coord.page.getByRole('button', { name: 'Save changes' }) });
  const third = await form.getByLabel('Change from').locator('option').nth(2).getAttribute('value');
  await form.getByLabel('Change from').selectOption(third);
  await form.getByLabel('New start time').fill('12:30');
  await form.getByLabel('How many people').fill('2');
  await checkA11y(coord.page, 'change a shift');
  await form.getByRole('button', { name: 'Save changes' }).click();
  // The continuation is listed (the earlier version keeps its two dates on record).
  const changed = coord.page.locator('li.card', { hasText: '12:30–14:00' });
  await panel
    .getByRole('status')
    .filter({ hasText: /Changed from .*: \d+ dates updated, 0 people told\./ })
    .waitFor();
  await changed.getByText('people needed 2').waitFor();
  await checkA11y(coord.page, 'shift changed');
  await coord.context.close();
});
