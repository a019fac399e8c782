// End-to-end runner: starts a demo server on a free port with a fresh SQLite
// database and key, waits for /healthz, runs the specs with node's test runner,
// then stops the server. Exits with the test runner's code.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitHealthy(url, child, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) {
        const body = await res.json();
        if (body && body.status === 'ok') return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy at ${url} after ${timeoutMs} ms`);
}

const tmp = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
const keyFile = join(tmp, 'master.key');
writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
const port = await freePort();
const baseUrl = `http://localhost:${port}`;
// Email goes to an SMTP server a spec may start on this port (alerts-confirm reads its codes there).
let smtpPort = await freePort();
while (smtpPort === port) smtpPort = await freePort();
// Likewise SMS: the server sends through Twilio's API at this port, where a spec may start the
// local Twilio double (first-hour's SMS path); the hooks check Twilio signatures with this token.
let twilioPort = await freePort();
while (twilioPort === port || twilioPort === smtpPort) twilioPort = await freePort();
const twilio = { sid: 'AC0123456789abcdef0123456789abcdef', token: 'e2e-twilio-auth-token-0123456789', from: '+16125550000' };

const server = spawn(process.execPath, [join(root, 'packages/server/bin/switchboard.mjs'), 'demo-start'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${tmp}/e2e.db`,
    SWITCHBOARD_KEY_FILE: keyFile,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    // Every browser in the specs signs in from 127.0.0.1; the default of 10 sign-ins
    // a minute per address would make the suite flaky as it grows.
    SIGN_IN_LIMIT_PER_MINUTE: process.env.SIGN_IN_LIMIT_PER_MINUTE ?? '100',
    // Likewise for the API: many browsers share one address here (the suite is a crowd behind one NAT).
    REQUEST_LIMIT_PER_MINUTE: process.env.REQUEST_LIMIT_PER_MINUTE ?? '6000',
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpPort}`,
    TWILIO_ACCOUNT_SID: twilio.sid,
    TWILIO_AUTH_TOKEN: twilio.token,
    TWILIO_FROM: twilio.from,
    TWILIO_API_BASE: `http://127.0.0.1:${twilioPort}`,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let code = 1;
try {
  await waitHealthy(`http://127.0.0.1:${port}/healthz`, server);
  // Node 20 does not pick up *.spec.mjs from a directory by itself: list them.
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : readdirSync(join(root, 'e2e/specs'))
        .filter((f) => f.endsWith('.spec.mjs'))
        .sort()
        .map((f) => join('e2e/specs', f));
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    cwd: root,
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      E2E_TMP: tmp,
      E2E_SMTP_PORT: String(smtpPort),
      E2E_TWILIO_PORT: String(twilioPort),
      E2E_TWILIO_SID: twilio.sid,
      E2E_TWILIO_TOKEN: twilio.token,
    },
    stdio: 'inherit',
  });
  code = await new Promise((res) => runner.on('exit', (c) => res(c ?? 1)));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
