// The header on a 360×740 phone: in Somali and Hmong the nav once wrapped to four rows
// (41% of the screen). Now it folds behind a menu button: one row closed, a disclosure
// that works by keyboard (Escape closes and gives focus back, focus is not trapped),
// mirrored in Arabic; at laptop widths the nav stays in view.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, PHONE, checkA11y, launch, newPhone, signIn, switchLanguage } from './helpers.mjs';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

const headerHeight = async (page) => (await page.locator('header').boundingBox()).height;
const focusInMenu = (page) => page.evaluate(() => !!document.activeElement?.closest('header .menu'));

/** Switch language through the header and wait until it is saved and the page speaks it. */
async function speak(page, lang) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(page, lang);
  await saved;
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Open the menu by keyboard, walk into it, close it with Escape; returns heights closed and open. */
async function checkMenuByKeyboard(page, label) {
  const toggle = page.locator('header button[aria-controls]');
  const menu = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
  const nav = page.locator('header nav');
  const closed = await headerHeight(page);
  assert.ok(closed < PHONE.height * 0.15, `${label}: header ${closed}px closed, over 15% of ${PHONE.height}px`);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false, `${label}: nav folded away`);
  assert.equal(await page.locator('header select').isVisible(), false, `${label}: language switch not on the first row`);
  await checkA11y(page, `${label} menu closed`);

  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await menu.waitFor();
  await page.locator('header select').waitFor();
  const open = await headerHeight(page);
  assert.ok(open > closed + 100, `${label}: the open menu shows the nav (${closed}px → ${open}px)`);
  await checkA11y(page, `${label} menu open`);

  // Tab walks into the menu, then out of it into the page: a disclosure, not a trap.
  await page.keyboard.press('Tab');
  assert.ok(await focusInMenu(page), `${label}: Tab from the button goes into the menu`);
  let left = false;
  for (let i = 0; i < 30 && !left; i++) {
    await page.keyboard.press('Tab');
    left = await page.evaluate(() => !document.activeElement?.closest('header'));
  }
  assert.ok(left, `${label}: focus leaves the menu`);

  // Escape from inside the menu closes it and returns focus to the button.
  await page.locator('header nav a').first().focus();
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded')), 'false');
  assert.equal(await nav.isVisible(), false);
  // Space on the button works too.
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await headerHeight(page), closed, `${label}: closed again, as small as before`);
  return { closed, open };
}

test('on a phone the header is one row in Somali and Hmong; the menu works by keyboard and in Arabic', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, ADMIN);
  try {
    for (const lang of ['so', 'hmn']) {
      await speak(page, lang);
      await page.keyboard.press('Escape');
      await checkMenuByKeyboard(page, lang);
    }

    await speak(page, 'ar');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const brand = await page.locator('header .brand').boundingBox();
    const toggle = await page.locator('header button[aria-controls]').boundingBox();
    assert.ok(toggle.x < brand.x, 'in Arabic the menu button sits at the left, the brand at the right');
    await checkMenuByKeyboard(page, 'ar');

    // Going to another page closes the menu.
    await page.locator('header button[aria-controls]').click();
    await page.locator('header nav a').nth(1).click();
    await page.waitForFunction(() => location.pathname !== '/');
    assert.equal(await page.locator('header button[aria-controls]').getAttribute('aria-expanded'), 'false');
  } finally {
    await speak(page, 'en');
    await context.close();
  }
});

test('at laptop width the nav stays in view and the menu button is hidden', async () => {
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: BASE_URL });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.locator('header nav').waitFor();
  await page.locator('header select').waitFor();
  assert.equal(await page.locator('header button[aria-controls]').isVisible(), false);
  await checkA11y(page, 'laptop header');
  await context.close();
});

test('a success message in Spanish does not stay on screen after switching to Arabic', async () => {
  const es = JSON.parse(readFileSync(new URL('../../packages/web/src/locales/es/identity.json', import.meta.url), 'utf8'));
  const { context, page } = await newPhone(run.browser);
  await signIn(page, ADMIN);
  try {
    await speak(page, 'es');
    await page.goto('/profile');
    await page.getByRole('button', { name: es.profile.save }).click();
    const status = page.getByRole('status').filter({ hasText: es.profile.saved });
    await status.waitFor();
    await speak(page, 'ar');
    await status.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(es.profile.saved).count(), 0, 'the Spanish message is gone');
    await checkA11y(page, 'profile in Arabic after a save in Spanish');
  } finally {
    await speak(page, 'en');
    await context.close();
  }
});

test('dates in Somali and Hmong use their own month names where the browser has none', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, ADMIN);
  try {
    for (const lang of ['so', 'hmn']) {
      const { dates } = JSON.parse(
        readFileSync(new URL(`../../packages/web/src/locales/${lang}/common.json`, import.meta.url), 'utf8'),
      );
      await speak(page, lang);
      await page.goto('/profile/sessions');
      const month = dates.monthsShort[new Date().getMonth()];
      const list = page.locator('main li').first();
      await list.waitFor();
      await page.waitForFunction((m) => document.querySelector('main')?.textContent?.includes(m), month);
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/, `${lang}: no English month names`);
    }
  } finally {
    await speak(page, 'en');
    await context.close();
  }
});
