// Installability: Chromium itself (through the DevTools protocol) finds nothing that
// stops it offering "Install app" for the web app, and the icons it would use load
// as PNGs of the declared size.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { BASE_URL, PHONE } from './helpers.mjs';

// Chromium never offers to install from an incognito-like context (what browser.newContext
// gives), so this spec uses a real profile directory.
let profile;
let context;
before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'sb-pwa-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: PHONE,
    baseURL: BASE_URL,
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
});
after(async () => {
  await context?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('Chromium reports the app installable, with 192 and 512 px PNG icons', async () => {
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForLoadState('networkidle').catch(() => {});
  const cdp = await context.newCDPSession(page);

  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'manifest parse errors');
  assert.equal(new URL(manifest.url).pathname, '/manifest.webmanifest');

  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(
    installabilityErrors.map((e) => e.errorId),
    [],
    'installability errors',
  );

  const icons = JSON.parse(manifest.data).icons.filter((i) => i.type === 'image/png');
  assert.ok(icons.length >= 4);
  for (const icon of icons) {
    const res = await page.request.get(new URL(icon.src, BASE_URL).toString());
    assert.equal(res.status(), 200, icon.src);
    assert.equal(res.headers()['content-type'], 'image/png', icon.src);
    const bytes = await res.body();
    const [w, h] = icon.sizes.split('x').map(Number);
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [w, h], icon.src);
  }
  await page.close();
});
