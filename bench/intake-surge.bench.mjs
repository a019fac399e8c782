// Intake during a surge: the network already has 2,500 open incidents (a 50 × 50 grid, 600 m
// apart, wider than the 500 m clustering radius, so none merge), and reports keep arriving in
// the middle of it. Each group commit must find the open incidents in reach; with exact points
// sealed at rest it asks by coarse cell and opens the candidates' points in memory. Against the
// same bare Fastify POST as intake.bench.mjs, on SQLite. One JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { register } from 'tsx/esm/api';
import { realApp } from './lib/app.mjs';
import { emit, listen, load, log, round } from './lib/harness.mjs';

register();
const { submitReport } = await import('../packages/server/src/modules/reports/index.ts');

const GRID = 50;
const SPACING_M = 600;
const ORIGIN = { lat: 44.85, lng: -93.4 };
const at = (i, j) => ({
  lat: round(ORIGIN.lat + (i * SPACING_M) / 111_320, 6),
  lng: round(ORIGIN.lng + (j * SPACING_M) / (111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180)), 6),
});
const centre = at(GRID / 2, GRID / 2);
const body = JSON.stringify({ category: 'checkpoint', point: centre, description: 'vans at the corner', language: 'es' });

const bare = Fastify({ logger: false });
bare.post('/reports', (_req, reply) =>
  reply.status(201).send({ receiptCode: 'K7QX-42PD', language: 'es', receivedAt: new Date().toISOString() }),
);
const bareBase = await listen(bare);
const barePost = () => load('bare POST', { url: `${bareBase}/reports`, method: 'POST', body, connections: 50 });

const dir = mkdtempSync(join(tmpdir(), 'switchboard-surge-'));
try {
  const app = await realApp(`file:${join(dir, 'surge.db')}`);
  try {
    log(`seeding ${GRID * GRID} open incidents`);
    const points = [];
    for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) points.push(at(i, j));
    for (let k = 0; k < points.length; k += 250)
      await Promise.all(
        points.slice(k, k + 250).map((point) =>
          submitReport(app.deps, {
            networkSlug: 'alpha',
            source: 'api',
            language: 'en',
            trusted: false,
            report: { category: 'other', point, description: 'seed' },
          }),
        ),
      );
    const open = await app.deps.database.db
      .selectFrom('incidents')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    const before = await barePost();
    const run = await load('intake in a surge (sqlite)', {
      url: `${app.base}/api/v1/networks/alpha/reports`,
      method: 'POST',
      body,
      connections: 50,
      expectStatus: 201,
    });
    const after = await barePost();
    const baseline = (before.rps + after.rps) / 2;
    emit({
      bench: 'intake-surge',
      db: 'sqlite',
      open_incidents: Number(open.n),
      ours_rps: round(run.rps),
      baseline: 'bare fastify POST, same body (mean of runs before and after ours)',
      baseline_rps: round(baseline),
      ratio: round(run.rps / baseline, 3),
      p99_ms: run.p99,
      acked: run.total,
    });
  } finally {
    await app.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await bare.close();
}
