// Coverage at a glance for a network with 500 sites × 4 weeks of shifts (each site: a
// weekday shift with two slots, about half the places taken), on SQLite and PostgreSQL.
// Ours: GET /coverage for a whole week over real HTTP (authorization, one grouped query,
// gaps-first sort, JSON), and the grouped query alone over all 4 weeks. Baseline, same
// run: a plain SELECT of the same occurrence × slot rows (no join to sign-ups, no grouping,
// no ranking). The view counts and ranks every slot in the database and returns the 200
// most urgent (totals count all); `listed: 5000` shows the cost of sending every cell.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import { emit, log, round } from './lib/harness.mjs';
import { realApp } from './lib/app.mjs';

register();
// kysely belongs to the server package; resolve it from there.
const { sql } = createRequire(new URL('../packages/server/package.json', import.meta.url))('kysely');
const { startTestCluster } = await import('../packages/server/test/harness/postgres-cluster.ts');
const { expandOccurrences, weekStart } = await import('../packages/server/src/modules/shifts/recurrence.ts');
const { coverageView } = await import('../packages/server/src/modules/shifts/index.ts');
const { newId } = await import('../packages/server/src/platform/ids.ts');

const SITES = 500;
const WEEKS = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ZONE = 'America/Chicago';

/** 500 sites × weekday shift × 2 slots × 4 weeks, with sign-ups filling about half the places. */
async function seed(deps, fixture) {
  const db = deps.database.db;
  const now = new Date();
  const monday = weekStart(ZONE, now);
  const from = monday.toJSDate();
  const to = monday.plus({ weeks: WEEKS }).toJSDate();
  const people = Object.values(fixture.accounts)
    .filter((a) => a.membershipId)
    .map((a) => a.id);
  const iso = now.toISOString();
  let occurrences = 0;
  let signups = 0;
  let seq = 0;
  for (let s0 = 0; s0 < SITES; s0 += 50) {
    await db.transaction().execute(async (trx) => {
      const sites = [];
      const series = [];
      const slots = [];
      const occ = [];
      const sus = [];
      for (let s = s0; s < s0 + 50; s++) {
        const siteId = newId();
        const seriesId = newId();
        sites.push({
          id: siteId,
          network_id: fixture.networkId,
          organization_id: fixture.orgA,
          name: `Site ${s}`,
          kind: 'school',
          address: `${s} Bench St`,
          lat: 44.9 + (s % 50) * 0.002,
          lng: -93.3 + Math.floor(s / 50) * 0.002,
          cell: '882830828dfffff',
          sharing: 'network',
          notes_enc: null,
          languages: '[]',
          created_at: iso,
          updated_at: iso,
        });
        const timing = {
          startDate: monday.toISODate(),
          startTime: '07:30',
          endTime: '08:30',
          rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
          exceptions: [],
        };
        series.push({
          id: seriesId,
          network_id: fixture.networkId,
          site_id: siteId,
          title: 'School drop-off',
          start_date: timing.startDate,
          start_time: '07:30',
          end_time: '08:30',
          rrule: timing.rrule,
          exceptions: '[]',
          cancel_cutoff_hours: 12,
          no_show_grace_minutes: 15,
          reminder_minutes: '[1440,60]',
          materialized_until: to.toISOString(),
          created_by: fixture.accounts.admin.id,
          created_at: iso,
        });
        const slotIds = [newId(), newId()];
        slots.push({
          id: slotIds[0],
          series_id: seriesId,
          network_id: fixture.networkId,
          position: 0,
          label: 'Watch',
          people_needed: 2,
          course_id: null,
        });
        slots.push({
          id: slotIds[1],
          series_id: seriesId,
          network_id: fixture.networkId,
          position: 1,
          label: 'Legal observer',
          people_needed: 1,
          course_id: null,
        });
        for (const o of expandOccurrences(timing, ZONE, from, to)) {
          const id = newId();
          occ.push({
            id,
            series_id: seriesId,
            network_id: fixture.networkId,
            site_id: siteId,
            local_date: o.localDate,
            starts_at: o.startsAt.toISOString(),
            ends_at: o.endsAt.toISOString(),
            cancelled: 0,
            no_show_checked: 0,
          });
          // 0, 1 or 2 people on the first slot, 0 or 1 on the second: every state appears.
          const taken = [seq % 3, seq % 2];
          seq++;
          let p = 0;
          taken.forEach((n, i) => {
            for (let k = 0; k < n; k++)
              sus.push({
                id: newId(),
                network_id: fixture.networkId,
                occurrence_id: id,
                slot_id: slotIds[i],
                account_id: people[(seq + p++) % people.length],
                status: 'confirmed',
                assigned_by: null,
                certification_overridden: 0,
                swap_offered: 0,
                checked_in_at: null,
                checked_out_at: null,
                queued_at: iso,
                created_at: iso,
                updated_at: iso,
              });
          });
        }
      }
      const chunks = async (table, rows) => {
        for (let i = 0; i < rows.length; i += 200)
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + 200))
            .execute();
      };
      await chunks('sites', sites);
      await chunks('shift_series', series);
      await chunks('shift_slots', slots);
      await chunks('shift_occurrences', occ);
      await chunks('shift_signups', sus);
      occurrences += occ.length;
      signups += sus.length;
    });
  }
  return { monday, from, to, occurrences, signups };
}

/** p50 and p99 (ms) of `RUNS` sequential runs after 3 warm-ups. */
async function time(fn) {
  for (let i = 0; i < 3; i++) await fn();
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(RUNS * 0.5)], p99: t[Math.min(RUNS - 1, Math.floor(RUNS * 0.99))] };
}

async function benchOn(dialect, url) {
  const app = await realApp(url);
  try {
    const t0 = performance.now();
    const s = await seed(app.deps, app.fixture);
    // Fresh bulk loads have no planner statistics yet; a live database has them (PostgreSQL's
    // autovacuum analyzes on its own). Measure what production sees.
    await sql`analyze`.execute(app.deps.database.db);
    log(
      `${dialect}: seeded ${SITES} sites, ${s.occurrences} occurrences, ${s.signups} sign-ups in ${round((performance.now() - t0) / 1000, 1)} s`,
    );
    const db = app.deps.database.db;
    const weekFrom = s.from.toISOString();
    const weekTo = s.monday.plus({ weeks: 1 }).toJSDate().toISOString();
    const plain = (a, b) =>
      db
        .selectFrom('shift_occurrences as o')
        .innerJoin('shift_slots as sl', 'sl.series_id', 'o.series_id')
        .select(['o.id', 'o.site_id', 'o.starts_at', 'o.ends_at', 'o.local_date', 'sl.id as slot_id', 'sl.people_needed'])
        .where('o.network_id', '=', app.fixture.networkId)
        .where('o.starts_at', '>=', a)
        .where('o.starts_at', '<', b)
        .execute();
    const cells = (await plain(weekFrom, weekTo)).length;

    const baseWeek = await time(() => plain(weekFrom, weekTo));
    // The view as the app asks for it (every slot counted, the 200 most urgent listed), then every cell listed.
    for (const limit of [200, 5000]) {
      let body;
      const http = await time(async () => {
        const res = await fetch(`${app.base}/api/v1/networks/alpha/coverage?week=${s.monday.toISODate()}&limit=${limit}`, {
          headers: {
            cookie: app.cookie,
            'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
          },
        });
        if (res.status !== 200) throw new Error(`coverage: ${res.status} ${await res.text()}`);
        body = await res.json();
      });
      const counted = body.totals.empty + body.totals.short + body.totals.filled;
      if (counted !== cells || body.cells.length !== Math.min(limit, cells))
        throw new Error(`coverage counted ${counted} and listed ${body.cells.length} of ${cells} cells`);
      emit({
        bench: 'coverage-week-http',
        db: dialect,
        sites: SITES,
        cells,
        listed: body.cells.length,
        totals: body.totals,
        ours_p50_ms: round(http.p50, 1),
        ours_p99_ms: round(http.p99, 1),
        baseline: 'plain SELECT of the same occurrence×slot rows (in process)',
        baseline_p50_ms: round(baseWeek.p50, 1),
        ratio: round(http.p50 / baseWeek.p50, 2),
        target: 'p99 <= 200 ms',
      });
    }

    const weekQuery = await time(() => coverageView(db, app.fixture.networkId, weekFrom, weekTo, {}, 200));
    emit({
      bench: 'coverage-week-query',
      db: dialect,
      sites: SITES,
      cells,
      ours_p50_ms: round(weekQuery.p50, 1),
      ours_p99_ms: round(weekQuery.p99, 1),
      baseline: 'plain SELECT of the same occurrence×slot rows',
      baseline_p50_ms: round(baseWeek.p50, 1),
      ratio: round(weekQuery.p50 / baseWeek.p50, 2),
      target: 'p99 <= 200 ms',
    });

    // All 4 weeks at once: every slot counted and ranked, the 200 most urgent returned.
    const all = await time(() => coverageView(db, app.fixture.networkId, s.from.toISOString(), s.to.toISOString(), {}, 200));
    const baseAll = await time(() => plain(s.from.toISOString(), s.to.toISOString()));
    const allCells = (await plain(s.from.toISOString(), s.to.toISOString())).length;
    emit({
      bench: 'coverage-4-weeks-query',
      db: dialect,
      sites: SITES,
      cells: allCells,
      ours_p50_ms: round(all.p50, 1),
      ours_p99_ms: round(all.p99, 1),
      baseline: 'plain SELECT of the same occurrence×slot rows',
      baseline_p50_ms: round(baseAll.p50, 1),
      ratio: round(all.p50 / baseAll.p50, 2),
      target: 'p99 <= 200 ms',
    });
  } finally {
    await app.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-shifts-'));
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
