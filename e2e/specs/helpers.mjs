// Shared helpers for the browser specs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { chromium, request } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:8080';
export const DEMO_PASSWORD = 'demo-password-2026';
export const ADMIN = 'admin@demo.switchboard.local';
export const COORDINATOR = 'coordinator@demo.switchboard.local';
export const PHONE = { width: 360, height: 740 };

/** Launch Debian's chromium headless (playwright gives each launch a fresh temporary profile). */
export async function launch() {
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
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/** A new phone-sized context and page, with browser console errors collected. */
export async function newPhone(browser) {
  const context = await browser.newContext({ viewport: PHONE, baseURL: BASE_URL, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Fail on any serious or critical axe violation on the current page. */
export async function checkA11y(page, label) {
  await page.waitForLoadState('networkidle').catch(() => {});
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${label}`,
  );
}

/**
 * Sign in with email and password from the sign-in page. The app then adopts
 * the account's saved language; with `english` (the default) the spec switches
 * the header language back to English so it can read the screen.
 */
export async function signIn(page, email, password = DEMO_PASSWORD, { english = true } = {}) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').waitFor();
  await checkA11y(page, 'sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('alert');
  await Promise.race([page.waitForURL((u) => u.pathname === '/'), alert.waitFor()]);
  if (await alert.isVisible()) throw new Error(`sign-in refused for ${email}: ${await alert.innerText()}`);
  // On a phone the nav is folded behind the menu button: present, not necessarily shown.
  await page.locator('header nav').waitFor({ state: 'attached' });
  if (english && (await page.evaluate(() => document.documentElement.lang)) !== 'en') {
    // The switch is saved to the profile; wait for it so a later full page
    // load does not read back the old language.
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
    await switchLanguage(page, 'en');
    await saved;
  }
  if (english) await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
}

/**
 * On a phone the header's nav and language switch sit behind a menu button: open it when
 * it is closed (nothing to do at laptop widths, where the button is hidden). Call before
 * clicking a nav link; the menu closes again on each new page.
 */
export async function openMenu(page) {
  await page.locator('header nav').waitFor({ state: 'attached' });
  const toggle = page.locator('header button[aria-controls]');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Switch the interface language with the header's switch (in the menu on a phone; in the bar signed out). */
export async function switchLanguage(page, lang) {
  const select = page.locator('header select');
  if (!(await select.isVisible())) await openMenu(page);
  await select.selectOption(lang);
}

/** The demo network's time zone: shift and session times are typed in it. */
export const DEMO_ZONE = 'America/Chicago';

/** Local date (YYYY-MM-DD), time (HH:MM) and English weekday name in the demo network's zone, `minutes` from now. */
export function localAt(minutes) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: DEMO_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'long',
    })
      .formatToParts(new Date(Date.now() + minutes * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: parts.weekday };
}

/** File an anonymous report through the public JSON API of the demo network (no cookie); returns the receipt. */
export async function fileReport(body, base = BASE_URL) {
  const res = await fetch(`${base}/api/v1/networks/twin-cities/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `report: ${res.status} ${text}`);
  return JSON.parse(text);
}

/**
 * A point in the Twin Cities metro (inside the map spec's tile set), different on every call.
 * Reports within 500 m and 30 min of an open incident join it, and the specs leave a dozen
 * or more open: in the old 8 km square a new point sometimes joined one of them, and the
 * console never showed "Reports: 2". Over ~2,400 km² that chance is well under 1%.
 */
export function somewhere() {
  return { lat: 44.75 + Math.random() * 0.4, lng: -93.65 + Math.random() * 0.7 };
}

/**
 * An incident of its own: a report filed at a fresh point, found by its typed place. A report
 * within the network's cluster radius of an earlier open incident joins that one instead (as it
 * should), so on a busy test server it files again elsewhere, up to five times.
 */
export async function freshIncident(api, { locationText, category = 'checkpoint', language = 'en' }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const street = `${locationText} ${attempt || ''}`.trim();
    await fileReport({ category, locationText: street, point: somewhere(), language });
    const res = await api.get('/api/v1/networks/twin-cities/incidents?scope=open');
    const { incidents } = await res.json();
    const incident = incidents.find((i) => i.locationText === street);
    if (incident) return incident;
  }
  assert.fail(`five reports for ${locationText} each joined an existing incident`);
}

/** A signed-in JSON API client with its own cookie jar. */
export async function apiAs(email, base = BASE_URL) {
  const ctx = await request.newContext({ baseURL: base });
  const res = await ctx.post('/api/v1/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `sign-in ${email}: ${await res.text()}`);
  return ctx;
}

/** The JSON body of an API answer, failing the test with the answer when it is not 2xx. */
export async function json(res, label) {
  const text = await res.text();
  assert.ok(res.ok(), `${label}: ${res.status()} ${text}`);
  return JSON.parse(text);
}

function decodeQuotedPrintable(s) {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
}

/**
 * A real SMTP server on E2E_SMTP_PORT (where e2e/run.mjs points the test server's mail), keeping
 * what it receives. `mailTo` waits for a mail to an address whose text matches (the outbox
 * sends every 2 s). Specs run one at a time, so each may start its own.
 */
export async function startMailbox() {
  assert.ok(process.env.E2E_SMTP_PORT, 'run through e2e/run.mjs, which points the server at E2E_SMTP_PORT');
  const { SMTPServer } = await import('smtp-server');
  const mails = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: /quoted-printable/i.test(raw) ? decodeQuotedPrintable(body) : body,
        });
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(Number(process.env.E2E_SMTP_PORT), '127.0.0.1', resolve);
  });
  return {
    mails,
    async mailTo(address, pattern, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const found = mails.find((m) => m.to.includes(address) && pattern.test(m.text));
        if (found) return found.text;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no mail to ${address} matching ${pattern} (got ${mails.length} mails)`);
    },
    close: () => new Promise((resolve) => smtp.close(resolve)),
  };
}
