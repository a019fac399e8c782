// A server started sealed (passphrase deployment, no terminal): every screen says
// so, a signed-out visitor is told who can unlock it, and a deployment admin signs
// in, lands on the Unseal screen and unlocks it by keyboard. Runs its own server,
// since the shared demo server has a key file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { PHONE, checkA11y, launch } from './helpers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/server/bin/switchboard.mjs');
const PASSPHRASE = 'sealed spec passphrase, long enough';
const ADMIN_EMAIL = 'root@sealed.test';
const ADMIN_PASSWORD = 'sealed-admin-password-2026';

let run;
let server;
let tmp;
let base;

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function health() {
  return fetch(`${base}/healthz`).then(
    (r) => r.json(),
    () => undefined,
  );
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'switchboard-sealed-'));
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `file:${tmp}/sealed.db`,
    SWITCHBOARD_KEY_FILE: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
    SIGN_IN_LIMIT_PER_MINUTE: '100',
  };
  // Passphrase mode, as `keys init --passphrase` sets it up (that command reads a terminal).
  const setup = `
    import { register } from 'tsx/esm/api'; register();
    const { openDatabase } = await import('./packages/server/src/db/database.ts');
    const { migrate } = await import('./packages/server/src/db/migrator.ts');
    const { initPassphrase } = await import('./packages/server/src/platform/crypto/key-binding.ts');
    const { Keyring } = await import('./packages/server/src/platform/crypto/keyring.ts');
    const d = openDatabase(process.env.DATABASE_URL);
    await migrate(d.db, d.dialect);
    await initPassphrase(d.db, new Keyring(), process.env.PASSPHRASE);
    await d.close();`;
  const init = spawnSync(process.execPath, ['--input-type=module', '-e', setup], {
    cwd: root,
    env: { ...env, PASSPHRASE },
    encoding: 'utf8',
  });
  assert.equal(init.status, 0, init.stderr);
  const admin = spawnSync(
    process.execPath,
    [cli, 'admin', 'create', '--email', ADMIN_EMAIL, '--network', 'sealed', '--password', ADMIN_PASSWORD],
    { cwd: root, env, encoding: 'utf8' },
  );
  assert.equal(admin.status, 0, admin.stderr);
  // No terminal on stdin: the server must start sealed rather than wait for a passphrase.
  server = spawn(process.execPath, [cli, 'serve'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const until = Date.now() + 60_000;
  while ((await health())?.status !== 'sealed') {
    if (server.exitCode !== null) throw new Error(`sealed server exited with ${server.exitCode}`);
    if (Date.now() > until) throw new Error('sealed server did not come up');
    await new Promise((r) => setTimeout(r, 250));
  }
  run = await launch();
});

after(async () => {
  await run?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function phone() {
  const context = await run.browser.newContext({ viewport: PHONE, baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

test('a signed-out visitor sees why nothing loads and who can unlock it', async () => {
  const { context, page } = await phone();
  await page.goto('/sign-in');
  const notice = page.getByRole('region', { name: 'Server locked' });
  await notice.waitFor();
  await checkA11y(page, 'sign-in while sealed');
  await notice.getByRole('link', { name: 'Unlock the server' }).click();
  await page.getByRole('heading', { level: 1, name: 'Unlock the server' }).waitFor();
  await page.getByText('Only a deployment administrator can unlock it.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Passphrase').count(), 0, 'no passphrase form for a visitor');
  await checkA11y(page, 'unseal, signed out');
  await context.close();
});

test('a deployment admin signs in, lands on Unseal and unlocks the server by keyboard', async () => {
  const { context, page } = await phone();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.waitForURL((u) => u.pathname === '/unseal');
  await page.getByRole('heading', { level: 1, name: 'Unlock the server' }).waitFor();
  await checkA11y(page, 'unseal form');

  // Empty: a field error, tied to the field.
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText('Type the passphrase.').waitFor();
  assert.equal(await page.getByLabel('Passphrase').getAttribute('aria-invalid'), 'true');

  // Wrong: an alert in words, and still sealed.
  await page.getByLabel('Passphrase').fill('not the passphrase at all');
  await page.getByLabel('Passphrase').press('Enter');
  await page.getByRole('alert').filter({ hasText: 'That passphrase does not unlock this server.' }).waitFor();
  assert.equal((await health()).status, 'sealed');
  await checkA11y(page, 'unseal, wrong passphrase');

  // Right, by keyboard only: Tab to the field, type, Enter.
  await page.getByLabel('Passphrase').fill('');
  await page.getByLabel('Passphrase').focus();
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'The server is unlocked. Everyone can sign in again.' }).waitFor();
  assert.deepEqual(await health(), { status: 'ok' });
  assert.equal(await page.getByRole('region', { name: 'Server locked' }).count(), 0);
  await checkA11y(page, 'unsealed');
  await context.close();
});
