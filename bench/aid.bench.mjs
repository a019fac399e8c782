// Care deliveries (issue 11), on SQLite and PostgreSQL, over 50,000 open tasks spread over a
// metro area about 60 km across (requests seeded through the care repository, sealed as the
// app seals them).
// 1. "Open tasks near me" for a driver: GET /care/tasks?status=open&near=<their coarse area>
//    over real HTTP (session, authorization, the area query, items decrypted, JSON), from
//    drivers in random areas. Baseline, same run: a plain indexed SELECT of the same rows.
// 2. Claim throughput: 50 drivers (each also a coordinator of one of two organizations, as a
//    small group's driver is) race to claim the same open tasks for BENCH_SECONDS; every claim
//    is an HTTP POST. Counted afterwards: claims won, conflicts, and double claims (a task
//    whose claim was answered 200 twice, or audited twice); the bench fails on any.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { realApp } from './lib/app.mjs';
import { emit, log, round, SECONDS } from './lib/harness.mjs';

register();
const { sql, CompiledQuery } = createRequire(new URL('../packages/server/package.json', import.meta.url))('kysely');
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');
const { cellsNear, NEAR_LIMIT } = await import('../packages/server/src/modules/care/near-area.ts');
const { listTasks } = await import('../packages/server/src/modules/care/tasks.service.ts');
const { newId } = await import('../packages/server/src/platform/ids.ts');
const { createAccount } = await import('../packages/server/src/modules/identity/index.ts');
const { insertMembership } = await import('../packages/server/src/modules/networks/index.ts');
const { TEST_PASSWORD } = await import('../packages/server/test/harness/test-app.ts');
const { seed, signInAt, source, spot } = await import('./lib/care-seed.mjs');

const TASKS = Number(process.env.BENCH_AID_TASKS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const DRIVERS = 50;

/** p50 and p99 (ms) of RUNS sequential runs (run i gets i) after 20 warm-ups. */
async function time(fn) {
  for (let i = 0; i < 20; i++) await fn(i);
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(RUNS * 0.5)], p99: t[Math.min(RUNS - 1, Math.floor(RUNS * 0.99))] };
}

async function nearMe(dialect, app) {
  const db = app.deps.database.db;
  const networkId = app.fixture.networkId;
  const driver = await signInAt(app.base, app.fixture.accounts.driver.email);
  // Each run is a driver somewhere else in the metro: their coarse area, resolution 8.
  const areas = Array.from({ length: RUNS + 20 }, () => {
    const p = spot();
    return latLngToCell(p.lat, p.lng, 8);
  });
  const plainQuery = (cell) =>
    db
      .selectFrom('care_requests as r')
      .innerJoin('care_tasks as t', 't.request_id', 'r.id')
      .selectAll('t')
      .select(['r.kind', 'r.items_enc', 'r.area_cell', 'r.area_name'])
      .where('r.network_id', '=', networkId)
      .where('r.area_cell', 'in', cellsNear(cell))
      .where('t.status', '=', 'open')
      .orderBy('t.created_at', 'desc')
      .limit(NEAR_LIMIT);
  const plain = (cell) => plainQuery(cell).execute();
  let rows = 0;
  let checked = false;
  const http = await time(async (i) => {
    const res = await fetch(`${app.base}/api/v1/networks/alpha/care/tasks?status=open&near=${areas[i]}`, {
      headers: { cookie: driver, 'x-forwarded-for': source() },
    });
    if (res.status !== 200) throw new Error(`near me: ${res.status} ${await res.text()}`);
    const body = await res.json();
    rows += body.tasks.length;
    if (!checked) {
      // The same rows as the plain SELECT, each in the asked area, items opened.
      const expected = await plain(areas[i]);
      if (body.tasks.length !== expected.length || body.tasks.some((t, j) => t.id !== expected[j].id || !t.items.length))
        throw new Error(`near me answered ${body.tasks.length} tasks, the plain SELECT ${expected.length}`);
      checked = true;
    }
  });
  const baseline = await time((i) => plain(areas[i]));
  // What any request costs here (fetch in this process, routing, headers, the limiter): /healthz.
  const floor = await time(async () => {
    const res = await fetch(`${app.base}/healthz`, { headers: { 'x-forwarded-for': source() } });
    await res.text();
  });
  // The service alone, as the route calls it: authorization, the area query, items opened, DTOs.
  const ctx = {
    deps: app.deps,
    actor: { accountId: app.fixture.accounts.driver.id, sessionId: 'bench', isDeploymentAdmin: false, language: 'en' },
    language: 'en',
    clientLabel: 'bench',
  };
  const service = await time((i) => listTasks(ctx, 'alpha', 'open', { cell: areas[i] }));
  const compiled = plainQuery(areas[0]).compile();
  const plan =
    dialect === 'sqlite'
      ? await db.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, compiled.parameters))
      : null;
  emit({
    bench: 'care-near-me-http',
    db: dialect,
    open_tasks: TASKS,
    rings: 2,
    mean_rows: round(rows / (RUNS + 20), 1),
    limit: NEAR_LIMIT,
    ours_p50_ms: round(http.p50, 2),
    ours_p99_ms: round(http.p99, 2),
    baseline: 'plain indexed SELECT of the same rows (Kysely, in process)',
    baseline_p50_ms: round(baseline.p50, 2),
    baseline_p99_ms: round(baseline.p99, 2),
    ratio: round(http.p50 / baseline.p50, 2),
    ratio_p99: round(http.p99 / baseline.p99, 2),
    http_floor_p50_ms: round(floor.p50, 2),
    target: 'p99 <= 20 ms and <= 3x the plain SELECT',
    ...(plan ? { plan: plan.rows.map((r) => r.detail).join(' | ') } : {}),
  });
  emit({
    bench: 'care-near-me-service',
    db: dialect,
    open_tasks: TASKS,
    ours_p50_ms: round(service.p50, 2),
    ours_p99_ms: round(service.p99, 2),
    baseline: 'plain indexed SELECT of the same rows (Kysely, in process)',
    baseline_p50_ms: round(baseline.p50, 2),
    baseline_p99_ms: round(baseline.p99, 2),
    ratio: round(service.p50 / baseline.p50, 2),
    ratio_p99: round(service.p99 / baseline.p99, 2),
    target: '<= 3x the plain SELECT',
  });
}

/** 50 drivers claim from the same pool at once; every task is claimed at most once. */
async function claims(dialect, app) {
  const db = app.deps.database.db;
  const { fixture } = app;
  const drivers = [];
  for (let i = 0; i < DRIVERS; i++) {
    const email = `bench-driver-${i}@bench.local`;
    const orgId = i % 2 ? fixture.orgA : fixture.orgB;
    const id = await createAccount(app.deps, { email, password: TEST_PASSWORD, displayName: `Driver ${i}`, language: 'en' });
    await insertMembership(db, {
      id: newId(),
      networkId: fixture.networkId,
      organizationId: orgId,
      accountId: id,
      roles: ['driver', 'org_coordinator'],
      status: 'active',
      now: new Date(),
    });
    drivers.push({ orgId, cookie: await signInAt(app.base, email) });
  }
  // The oldest open tasks, one list for everyone: each driver starts at a random place and
  // walks it, so many ask for the same task at once, as drivers in one area do.
  const pool = (
    await db
      .selectFrom('care_tasks')
      .select('id')
      .where('network_id', '=', fixture.networkId)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .limit(20_000)
      .execute()
  ).map((r) => r.id);
  const wonBy = new Map();
  let won = 0;
  let lost = 0;
  let doubles = 0;
  const stopAt = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    drivers.map(async (d, n) => {
      let at = Math.floor((n / DRIVERS) * 200);
      while (performance.now() < stopAt && at < pool.length) {
        const taskId = pool[at];
        at += 1 + (n % 3);
        const res = await fetch(`${app.base}/api/v1/networks/alpha/care/tasks/${taskId}/claim`, {
          method: 'POST',
          headers: { cookie: d.cookie, 'content-type': 'application/json', 'x-forwarded-for': source() },
          body: JSON.stringify({ organizationId: d.orgId }),
        });
        const text = await res.text();
        if (res.status === 200) {
          won++;
          if (wonBy.has(taskId)) doubles++;
          wonBy.set(taskId, n);
        } else if (res.status === 409) lost++;
        else throw new Error(`claim: ${res.status} ${text}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const claimedRows = Number(
    (
      await db
        .selectFrom('care_tasks')
        .select((e) => e.fn.countAll().as('n'))
        .where('network_id', '=', fixture.networkId)
        .where('status', '=', 'claimed')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const audited = await db
    .selectFrom('audit_log')
    .select(['target_id', (e) => e.fn.countAll().as('n')])
    .where('action', '=', 'care.task.claim')
    .groupBy('target_id')
    .having((e) => e.fn.countAll(), '>', 1)
    .execute();
  doubles += audited.length + Math.abs(claimedRows - won);
  emit({
    bench: 'care-claim-race',
    db: dialect,
    drivers: DRIVERS,
    seconds: round(seconds, 1),
    claims_won: won,
    conflicts_409: lost,
    claims_per_s: round(won / seconds),
    attempts_per_s: round((won + lost) / seconds),
    claimed_rows: claimedRows,
    double_claims: doubles,
    target: '0 double claims',
  });
  if (doubles > 0) throw new Error(`${doubles} double claims on ${dialect}`);
}

async function benchOn(dialect, url) {
  const app = await realApp(url);
  try {
    const t0 = performance.now();
    await seed(app.deps, app.fixture, TASKS);
    // A live database has planner statistics; a fresh bulk load does not yet.
    await sql`analyze`.execute(app.deps.database.db);
    log(`${dialect}: seeded ${TASKS} open tasks in ${round((performance.now() - t0) / 1000, 1)} s`);
    await nearMe(dialect, app);
    await claims(dialect, app);
  } finally {
    await app.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-aid-'));
try {
  await benchOn('sqlite', `file:${join(dir, 'bench.db')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

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
    await benchOn('postgres', cluster.url.replace(/\/[^/]*$/, '/bench'));
  } finally {
    cluster.stop();
  }
}
