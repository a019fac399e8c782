// The "before" screenshots for docs/screenshots/ (not part of the suite). Run against a demo of
// the commit before the first-hour work (039688f), started by hand:
//   BASE_URL=http://localhost:8190 node e2e/screenshots-before.mjs
// It files the same two reports as e2e/screenshots.mjs and takes the same three views at the
// same viewports, with only what that commit's screens had (no place search, no header menu).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://localhost:8190';
const SLUG = 'twin-cities';
const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const PASSWORD = 'demo-password-2026';
const DESK = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

async function fileReport(body) {
  const res = await fetch(`${BASE_URL}/api/v1/networks/${SLUG}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`report: ${res.status} ${await res.text()}`);
}

async function signIn(page, email) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.locator('header nav').waitFor();
}

/** Switch the header's language and wait for it to be saved (a later page load reads it back). */
async function switchLanguage(page, lang) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await page.locator('header select').selectOption(lang);
  await saved;
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = (viewport) => browser.newContext({ viewport, baseURL: BASE_URL, locale: 'en-US' });

try {
  await fileReport({ category: 'checkpoint', locationText: 'Waddada Lake iyo Chicago', language: 'so' });
  await fileReport({ category: 'home_raid', locationText: 'behind the old grain elevator' });

  // The dispatcher console with the typed-intersection report open.
  const desk = await context(DESK);
  const page = await desk.newPage();
  await signIn(page, 'dispatcher@demo.switchboard.local');
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') await switchLanguage(page, 'en');
  await page.goto(`/n/${SLUG}/dispatch`);
  const item = page.locator('button.queue-item', { hasText: 'Waddada Lake iyo Chicago' }).first();
  await item.waitFor();
  await item.click();
  await page.locator('article.panel').getByText('Waddada Lake iyo Chicago').first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}before-dispatch-console.png` });
  await desk.close();

  // The public alerts page on a phone, as a neighbour first sees it.
  const pub = await context(PHONE);
  const alerts = await pub.newPage();
  await alerts.goto(`/n/${SLUG}/alerts?lang=en`);
  await alerts.locator('main h1').waitFor();
  await alerts.waitForLoadState('networkidle');
  await alerts.screenshot({ path: `${OUT}before-alerts.png`, fullPage: true });
  await pub.close();

  // The phone header in Somali, signed in as the network admin.
  const phone = await context(PHONE);
  const head = await phone.newPage();
  await signIn(head, 'admin@demo.switchboard.local');
  if ((await head.evaluate(() => document.documentElement.lang)) !== 'so') await switchLanguage(head, 'so');
  await head.waitForTimeout(500);
  await head.screenshot({ path: `${OUT}before-phone-header-so.png` });
  await phone.close();
} finally {
  await browser.close();
}
