// Durable intake, full path (validate, cluster, write with fsync, publish), against a bare
// Fastify route in the same run, at 50 connections; on SQLite (synchronous=FULL, group
// commit) and on PostgreSQL (synchronous_commit=on). One JSON line per figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { realApp } from './lib/app.mjs';
import { load, listen, emit, round, log } from './lib/harness.mjs';

register();
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');

const body = JSON.stringify({ category: 'checkpoint', point: { lat: 44.9486, lng: -93.2526 }, description: 'vans at the corner', language: 'es' });


const bare = Fastify({ logger: false });
bare.get('/', () => ({ ok: true }));
const bareRun = await load('bare GET', { url: `${await listen(bare)}/`, connections: 50 });
await bare.close();

const dir = mkdtempSync(join(tmpdir(), 'switchboard-intake-'));
try {
  const app = await realApp(`file:${join(dir, 'intake.db')}`);
  try {
    const run = await load('intake (sqlite)', { url: `${app.base}/api/v1/networks/alpha/reports`, method: 'POST', body, connections: 50, expectStatus: 201 });
    const stored = await app.deps.database.db.selectFrom('reports').select((e) => e.fn.countAll().as('n')).executeTakeFirst();
    emit({ bench: 'intake', db: 'sqlite', ours_rps: round(run.rps), baseline: 'bare fastify GET', baseline_rps: round(bareRun.rps), ratio: round(run.rps / bareRun.rps, 3), p99_ms: run.p99, connections: 50, acked: run.total, stored: Number(stored.n), target: 'ratio >= 0.25, p99 <= 50 ms' });
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
    const run = await load('intake (postgres)', { url: `${app.base}/api/v1/networks/alpha/reports`, method: 'POST', body, connections: 50, expectStatus: 201 });
    emit({ bench: 'intake', db: 'postgres', ours_rps: round(run.rps), baseline: 'bare fastify GET', baseline_rps: round(bareRun.rps), ratio: round(run.rps / bareRun.rps, 3), p99_ms: run.p99, connections: 50, acked: run.total });
  } finally {
    await app.close();
  }
} catch (err) {
  log('postgres intake skipped:', err.message);
} finally {
  cluster?.stop();
}
