// Foundation figures, each beside a same-run baseline on this machine:
// bare Fastify GET; password sign-in (argon2id-bound) against argon2id verify alone;
// an authorized read on SQLite and on PostgreSQL against the bare GET.
// Prints one JSON line per figure on stdout; progress goes to stderr.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { SECONDS, emit, listen, load, log, round } from './lib/harness.mjs';

register();
const { buildApp } = await import('../packages/server/src/app.ts');
const { loadConfig } = await import('../packages/server/src/config.ts');
const { openDatabase } = await import('../packages/server/src/db/database.ts');
const { migrate } = await import('../packages/server/src/db/migrator.ts');
const { systemClock } = await import('../packages/server/src/platform/clock.ts');
const { Keyring } = await import('../packages/server/src/platform/crypto/keyring.ts');
const { createEventBus } = await import('../packages/server/src/platform/events/event-bus.ts');
const { hashPassword, verifyPassword } = await import('../packages/server/src/platform/auth/password.ts');
const { seedFixture, signIn, TEST_PASSWORD } = await import('../packages/server/test/harness/test-app.ts');
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');

/** The real app on a fresh database with the standard fixture, listening on loopback. */
async function realApp(databaseUrl) {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SIGN_IN_LIMIT_PER_MINUTE: '1000000000', TRUST_PROXY: '1', PUBLIC_URL: 'http://127.0.0.1' });
  const database = openDatabase(databaseUrl);
  await migrate(database.db, database.dialect);
  const deps = { config, database, keyring: new Keyring(randomBytes(32)), clock: systemClock, events: await createEventBus(database) };
  const fixture = await seedFixture(deps);
  const app = await buildApp(deps, { logger: false });
  const cookie = await signIn(app, fixture.accounts.admin.email);
  const base = await listen(app);
  return {
    base,
    fixture,
    cookie,
    close: async () => {
      await app.close();
      await deps.events.close();
      await database.close();
    },
  };
}

/** argon2id verify with the app's parameters, `inFlight` at a time, for SECONDS. */
async function argon2Baseline(inFlight) {
  const stored = await hashPassword(TEST_PASSWORD);
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        await verifyPassword(stored, TEST_PASSWORD);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

// (a) bare Fastify
const bare = Fastify({ logger: false });
bare.get('/', () => ({ ok: true }));
const bareUrl = await listen(bare);
const bareRun = await load('bare GET', { url: `${bareUrl}/`, connections: 50 });
await bare.close();
emit({ bench: 'bare-get', ours_rps: round(bareRun.rps), baseline: null, baseline_rps: null, ratio: null, p99_ms: bareRun.p99, connections: 50 });

// (b) the real app on SQLite
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
try {
  const app = await realApp(`file:${join(dir, 'bench.db')}`);
  try {
    // argon2 alone, just before and just after, so drifting load on a shared machine is averaged out.
    const argonBefore = await argon2Baseline(10);
    const signInRun = await load('sign-in', {
      url: `${app.base}/api/v1/auth/sign-in`,
      method: 'POST',
      body: JSON.stringify({ email: app.fixture.accounts.dispatcher.email, password: TEST_PASSWORD }),
      connections: 10,
    });
    const argon = (argonBefore + (await argon2Baseline(10))) / 2;
    emit({ bench: 'sign-in', ours_rps: round(signInRun.rps), baseline: 'argon2id verify alone (m=19456,t=2,p=1), 10 in flight', baseline_rps: round(argon), ratio: round(signInRun.rps / argon, 2), p99_ms: signInRun.p99, ratio_vs_bare_get: round(signInRun.rps / bareRun.rps, 4), db: 'sqlite' });

    const readRun = await load('authorized read (sqlite)', { url: `${app.base}/api/v1/networks/alpha/organizations`, headers: { cookie: app.cookie }, connections: 20 });
    emit({ bench: 'authorized-read', ours_rps: round(readRun.rps), baseline: 'bare fastify GET', baseline_rps: round(bareRun.rps), ratio: round(readRun.rps / bareRun.rps, 3), p99_ms: readRun.p99, db: 'sqlite', route: 'GET /api/v1/networks/alpha/organizations' });
  } finally {
    await app.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// (c) the same read on PostgreSQL, if a throwaway cluster can be started here
let cluster;
try {
  cluster = await startTestCluster();
} catch (err) {
  log(`PostgreSQL skipped: ${err.message}`);
}
if (cluster) {
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const app = await realApp(cluster.url.replace(/\/[^/]*$/, '/bench'));
    try {
      const readRun = await load('authorized read (postgres)', { url: `${app.base}/api/v1/networks/alpha/organizations`, headers: { cookie: app.cookie }, connections: 20 });
      emit({ bench: 'authorized-read', ours_rps: round(readRun.rps), baseline: 'bare fastify GET', baseline_rps: round(bareRun.rps), ratio: round(readRun.rps / bareRun.rps, 3), p99_ms: readRun.p99, db: 'postgres', route: 'GET /api/v1/networks/alpha/organizations' });
    } finally {
      await app.close();
    }
  } finally {
    cluster.stop();
  }
}
