// Screenshots for the docs (not part of the suite): `node e2e/run.mjs e2e/screenshots.mjs`
// writes docs/screenshots/*.png from a fresh demo: the dispatcher console with an incident
// placed from typed words, the public alerts page subscribing by neighbourhood, and the phone
// header closed and open in Somali.
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ADMIN, fileReport, launch, newPhone, signIn, switchLanguage } from './specs/helpers.mjs';

const SLUG = 'twin-cities';
const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;

let run;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  run = await launch();
});
after(async () => {
  await run?.close();
});

test('dispatcher console, alerts page, phone header', async () => {
  await fileReport({ category: 'checkpoint', locationText: 'Waddada Lake iyo Chicago', language: 'so' });
  await fileReport({ category: 'home_raid', locationText: 'behind the old grain elevator' });

  const desk = await newPhone(run.browser);
  await desk.page.setViewportSize({ width: 1280, height: 900 });
  await signIn(desk.page, 'dispatcher@demo.switchboard.local');
  await desk.page.goto(`/n/${SLUG}/dispatch`);
  await desk.page.locator('.live-indicator.live').waitFor();
  const placed = desk.page.locator('button.queue-item', { hasText: 'Lake St & Chicago Ave' }).first();
  await placed.waitFor();
  await desk.page.waitForTimeout(500);
  await placed.click();
  await desk.page.waitForTimeout(500);
  await desk.page.locator('article.panel').getByText('Lake St & Chicago Ave').first().waitFor();
  await desk.page.screenshot({ path: `${OUT}dispatch-console-placed.png` });
  await desk.page.locator('button.queue-item', { hasText: 'grain elevator' }).first().click();
  await desk.page.getByRole('heading', { name: 'Place this incident' }).waitFor();
  await desk.page.screenshot({ path: `${OUT}dispatch-console-place-search.png` });

  const pub = await newPhone(run.browser);
  await pub.page.goto(`/n/${SLUG}/alerts?lang=en`);
  await pub.page.getByLabel('Neighbourhood').fill('Phillips West');
  await pub.page.getByRole('button', { name: 'Add', exact: true }).click();
  await pub.page.screenshot({ path: `${OUT}alerts-by-neighbourhood.png`, fullPage: true });

  const { context: phone, page } = await newPhone(run.browser);
  await signIn(page, ADMIN);
  await switchLanguage(page, 'so');
  await page.waitForFunction(() => document.documentElement.lang === 'so');
  await page.screenshot({ path: `${OUT}phone-header-so-open.png` });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${OUT}phone-header-so-closed.png` });
  await phone.close();
  await desk.context.close();
  await pub.context.close();
});
