// Durable intake, full path (validate, cluster, write with fsync, publish), against a bare
// Fastify route in the same run, at 50 connections; on SQLite (synchronous=FULL, group
// commit) and on PostgreSQL (synchronous_commit=on). One JSON line per figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { realApp } from './lib/app.mjs';
import { load, listen, emit, round, log } from './lib/harness.mjs';

register();
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');

const body = JSON.stringify({
  category: 'checkpoint',
  point: { lat: 44.9486, lng: -93.2526 },
  description: 'vans at the corner',
  language: 'es',
});

// Baselines: a bare Fastify app answering the same POST (same body, parsed; a receipt-sized
// JSON answer), and a bare GET as earlier runs reported. Machines here are noisy, so the
// POST baseline is measured right before and right after each of ours and averaged.
const bare = Fastify({ logger: false });
bare.get('/', () => ({ ok: true }));
bare.post('/reports', (_req, reply) =>
  reply.status(201).send({ receiptCode: 'K7QX-42PD', language: 'es', receivedAt: new Date().toISOString() }),
);
const bareBase = await listen(bare);
const bareGet = await load('bare GET', { url: `${bareBase}/`, connections: 50 });
const barePost = () => load('bare POST', { url: `${bareBase}/reports`, method: 'POST', body, connections: 50 });

/** Our run bracketed by two bare POST runs; the figure line for one database. */
async function measure(db, url, extra = {}) {
  const before = await barePost();
  // The server runs in this process: how long its event loop was held up is ours to see.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const run = await load(`intake (${db})`, { url, method: 'POST', body, connections: 50, expectStatus: 201 });
  loopDelay.disable();
  const after = await barePost();
  const baseline = (before.rps + after.rps) / 2;
  return {
    run,
    figure: {
      bench: 'intake',
      db,
      ours_rps: round(run.rps),
      baseline: 'bare fastify POST, same body (mean of runs before and after ours)',
      baseline_rps: round(baseline),
      ratio: round(run.rps / baseline, 3),
      p99_ms: run.p99,
      bare_post_p99_ms: Math.max(before.p99, after.p99),
      loop_delay_p99_ms: round(loopDelay.percentile(99) / 1e6, 1),
      loop_delay_max_ms: round(loopDelay.max / 1e6, 1),
      bare_get_rps: round(bareGet.rps),
      ratio_vs_bare_get: round(run.rps / bareGet.rps, 3),
      connections: 50,
      acked: run.total,
      ...extra,
      target: 'ratio >= 0.25, p99 <= 50 ms',
    },
  };
}

/** Every acknowledged report is in the database (more may be: requests in flight when the load stopped). */
function assertAllStored(acked, stored) {
  if (stored < acked) throw new Error(`${acked} reports acknowledged but only ${stored} stored`);
}

const dir = mkdtempSync(join(tmpdir(), 'switchboard-intake-'));
try {
  const app = await realApp(`file:${join(dir, 'intake.db')}`);
  try {
    const { figure } = await measure('sqlite', `${app.base}/api/v1/networks/alpha/reports`);
    const stored = await app.deps.database.db
      .selectFrom('reports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    emit({ ...figure, stored: Number(stored.n) });
    assertAllStored(figure.acked, Number(stored.n));
  } finally {
    await app.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const cluster = process.env.TEST_DATABASE_URL ? undefined : await startTestCluster({ durable: true });
try {
  const admin = process.env.TEST_DATABASE_URL ?? cluster.url;
  const name = `bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const app = await realApp(admin.replace(/\/[^/]*$/, `/${name}`));
  try {
    const { figure } = await measure('postgres', `${app.base}/api/v1/networks/alpha/reports`);
    const stored = await app.deps.database.db
      .selectFrom('reports')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    emit({ ...figure, stored: Number(stored.n) });
    assertAllStored(figure.acked, Number(stored.n));
  } finally {
    await app.close();
  }
} catch (err) {
  log('postgres intake skipped:', err.message);
} finally {
  cluster?.stop();
  await bare.close();
}
