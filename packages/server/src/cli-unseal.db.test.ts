import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/harness/dialects.ts';
import { depsForServe, readSecret } from './cli.ts';
import { loadConfig } from './config.ts';
import { initPassphrase } from './platform/crypto/key-binding.ts';
import type { StartPrompt } from './modules/system/unseal-at-start.ts';
import { closeDeps } from './bootstrap.ts';
import { Keyring } from './platform/crypto/keyring.ts';

const PASSPHRASE = 'correct horse battery staple unseal';

/** A prompt that types the given answers and records what it was asked and told. */
function typing(answers: string[], interactive = true) {
  const asked: string[] = [];
  const said: string[] = [];
  const prompt: StartPrompt = {
    interactive,
    askSecret: async (p) => {
      asked.push(p);
      return answers.shift() ?? '';
    },
    say: (line) => said.push(line),
  };
  return { prompt, asked, said };
}

describe.each(DIALECTS)('serve asks for the passphrase at start, on %s', (dialect) => {
  let t: TestDatabase;
  const config = () => loadConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await initPassphrase(t.database.db, new Keyring(), PASSPHRASE);
  });
  afterAll(() => t.drop());

  it('unseals after a wrong try, and audits it', async () => {
    const { prompt, asked, said } = typing(['not it at all', PASSPHRASE]);
    const deps = await depsForServe(config(), prompt);
    try {
      expect(deps.keyring.sealed).toBe(false);
      expect(asked).toHaveLength(2);
      expect(said).toEqual(['That passphrase does not unlock this server. Try again.', 'Unsealed.']);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'detail'])
        .where('action', '=', 'system.unseal')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBeNull();
    } finally {
      await closeDeps(deps);
    }
  });

  it('starts sealed after three wrong tries, or at once on an empty answer', async () => {
    const wrong = typing(['one', 'two', 'three', PASSPHRASE]);
    const deps = await depsForServe(config(), wrong.prompt);
    expect(deps.keyring.sealed).toBe(true);
    expect(wrong.asked).toHaveLength(3);
    expect(wrong.said.at(-1)).toMatch(/starting sealed/i);
    await closeDeps(deps);
    const empty = typing(['', PASSPHRASE]);
    const deps2 = await depsForServe(config(), empty.prompt);
    expect(deps2.keyring.sealed).toBe(true);
    expect(empty.asked).toHaveLength(1);
    await closeDeps(deps2);
  });

  it('does not ask without a terminal: starts sealed, as before', async () => {
    const { prompt, asked, said } = typing([PASSPHRASE], false);
    const deps = await depsForServe(config(), prompt);
    expect(deps.keyring.sealed).toBe(true);
    expect(asked).toEqual([]);
    expect(said.join(' ')).toMatch(/starting sealed/i);
    await closeDeps(deps);
  });

  it('does not ask when the database has no passphrase (a key file deployment)', async () => {
    const bare = await createTestDatabase(dialect);
    try {
      const { prompt, asked } = typing([PASSPHRASE]);
      const deps = await depsForServe(loadConfig({ DATABASE_URL: bare.url, LOG_LEVEL: 'silent' }), prompt);
      expect(deps.keyring.sealed).toBe(true);
      expect(asked).toEqual([]);
      await closeDeps(deps);
    } finally {
      await bare.drop();
    }
  });
});

describe('reading a secret at the terminal', () => {
  it('returns what was typed without echoing it', async () => {
    const input = new PassThrough();
    const shown = new PassThrough();
    let screen = '';
    shown.on('data', (c) => (screen += String(c)));
    const answer = readSecret('Passphrase: ', input, shown);
    input.write('s3cret words here\r');
    expect(await answer).toBe('s3cret words here');
    expect(screen).toContain('Passphrase: ');
    expect(screen).not.toContain('s3cret');
  });
});

// The real thing: `switchboard serve` under a pseudo-terminal (util-linux `script`),
// started without a key file on a passphrase database, typed into, then healthy.
describe('switchboard serve on a terminal', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await initPassphrase(t.database.db, new Keyring(), PASSPHRASE);
    await t.database.close();
  });
  afterAll(async () => {
    await t.drop().catch(() => undefined);
  });

  it('asks for the passphrase, never echoes it, and serves unsealed', async () => {
    const port = await freePort();
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const bin = join(root, 'packages/server/bin/switchboard.mjs');
    const child = spawn('script', ['-qfec', `${process.execPath} ${bin} serve`, '/dev/null'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://localhost:${port}`,
        LOG_LEVEL: 'warn',
        SWITCHBOARD_KEY_FILE: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (c) => (screen += String(c)));
    child.stderr.on('data', (c) => (screen += String(c)));
    try {
      await until(
        () => screen.includes('Passphrase to unseal'),
        30_000,
        () => screen,
      );
      child.stdin.write(`${PASSPHRASE}\r`);
      await until(
        () => screen.includes('Unsealed.'),
        30_000,
        () => screen,
      );
      let health: unknown;
      await until(
        async () => {
          health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.json(),
            () => undefined,
          );
          return health !== undefined;
        },
        30_000,
        () => screen,
      );
      expect(health).toEqual({ status: 'ok' });
      expect(screen).not.toContain(PASSPHRASE);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out; output so far:\n${context()}`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}
