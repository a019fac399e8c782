// Foundation figures, each beside a same-run baseline on this machine:
// bare Fastify GET; password sign-in (argon2id-bound) against argon2id verify alone;
// an authorized read on SQLite and on PostgreSQL against the bare GET.
// Prints one JSON line per figure on stdout; progress goes to stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { realApp } from './lib/app.mjs';
import { SECONDS, emit, listen, load, log, round } from './lib/harness.mjs';

register();
const { hashPassword, verifyPassword } = await import('../packages/server/src/platform/auth/password.ts');
const { TEST_PASSWORD } = await import('../packages/server/test/harness/test-app.ts');
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');

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
emit({
  bench: 'bare-get',
  ours_rps: round(bareRun.rps),
  baseline: null,
  baseline_rps: null,
  ratio: null,
  p99_ms: bareRun.p99,
  connections: 50,
});

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
    emit({
      bench: 'sign-in',
      ours_rps: round(signInRun.rps),
      baseline: 'argon2id verify alone (m=19456,t=2,p=1), 10 in flight',
      baseline_rps: round(argon),
      ratio: round(signInRun.rps / argon, 2),
      p99_ms: signInRun.p99,
      ratio_vs_bare_get: round(signInRun.rps / bareRun.rps, 4),
      db: 'sqlite',
    });

    const readRun = await load('authorized read (sqlite)', {
      url: `${app.base}/api/v1/networks/alpha/organizations`,
      headers: { cookie: app.cookie },
      connections: 20,
    });
    emit({
      bench: 'authorized-read',
      ours_rps: round(readRun.rps),
      baseline: 'bare fastify GET',
      baseline_rps: round(bareRun.rps),
      ratio: round(readRun.rps / bareRun.rps, 3),
      p99_ms: readRun.p99,
      db: 'sqlite',
      route: 'GET /api/v1/networks/alpha/organizations',
    });
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
      const readRun = await load('authorized read (postgres)', {
        url: `${app.base}/api/v1/networks/alpha/organizations`,
        headers: { cookie: app.cookie },
        connections: 20,
      });
      emit({
        bench: 'authorized-read',
        ours_rps: round(readRun.rps),
        baseline: 'bare fastify GET',
        baseline_rps: round(bareRun.rps),
        ratio: round(readRun.rps / bareRun.rps, 3),
        p99_ms: readRun.p99,
        db: 'postgres',
        route: 'GET /api/v1/networks/alpha/organizations',
      });
    } finally {
      await app.close();
    }
  } finally {
    cluster.stop();
  }
}
