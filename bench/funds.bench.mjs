// Fund balance with 1,000,000 journal entries (SQLite): the running balance the ledger keeps
// in `funds.balance` (moved in each entry's transaction) against the full SUM over the fund's
// lines it replaces, in the same run on the same file. Target p99 ≤ 50 ms; the bench fails if
// the two disagree, so a balance that drifted from its lines cannot pass for fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { emit, log, round } from './lib/harness.mjs';

register();
const { openDatabase } = await import('../packages/server/src/db/database.ts');
const { migrate } = await import('../packages/server/src/db/migrator.ts');
// kysely is the server package's dependency, not the root's.
const { sql } = await import('../packages/server/node_modules/kysely/dist/esm/index.js');
const ledger = await import('../packages/server/src/modules/funds/ledger.repository.ts');

const ENTRIES = Number(process.env.FUNDS_BENCH_ENTRIES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'switchboard-funds-bench-'));
const database = openDatabase(`file:${join(dir, 'bench.db')}`);
const db = database.db;
try {
  await migrate(db, database.dialect);
  const now = new Date().toISOString();
  await db
    .insertInto('networks')
    .values({ id: 'n1', slug: 'bench', name: 'Bench', time_zone: 'UTC', settings: '{}', created_at: now })
    .execute();
  await db
    .insertInto('funds')
    .values({
      id: 'f1',
      network_id: 'n1',
      name: 'General',
      kind: 'general',
      currency: 'USD',
      balance: 0,
      created_by: 'a',
      created_at: now,
    })
    .execute();
  log(`inserting ${ENTRIES} entries, two lines each`);
  const t0 = Date.now();
  // Donations of 1..100 cents, each balanced by its income line, generated inside SQLite.
  await sql`insert into fund_entries (id, network_id, kind, occurred_on, restricted, created_by, created_at)
    with recursive c(x) as (select 1 union all select x + 1 from c where x < ${ENTRIES})
    select 'e' || x, 'n1', 'donation', '2026-11-01', 0, 'a', ${now} from c`.execute(db);
  await sql`insert into fund_entry_lines (id, entry_id, network_id, account, fund_id, allocation_id, amount)
    select 'lf' || substr(id, 2), id, 'n1', 'fund', 'f1', null, 1 + (cast(substr(id, 2) as integer) % 100) from fund_entries`.execute(
    db,
  );
  await sql`insert into fund_entry_lines (id, entry_id, network_id, account, fund_id, allocation_id, amount)
    select 'li' || substr(id, 2), id, 'n1', 'income', null, null, -(1 + (cast(substr(id, 2) as integer) % 100)) from fund_entries`.execute(
    db,
  );
  const total = await ledger.sumOfLines(db, 'fund_id', 'f1');
  await db.updateTable('funds').set({ balance: total }).where('id', '=', 'f1').execute();
  log(`seeded in ${Date.now() - t0} ms; balance ${total}`);

  async function measure(n, fn) {
    for (let i = 0; i < Math.min(5, n); i++) await fn();
    const times = [];
    let value;
    for (let i = 0; i < n; i++) {
      const s = process.hrtime.bigint();
      value = await fn();
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(n * 0.5)], p99: times[Math.min(n - 1, Math.floor(n * 0.99))], value };
  }
  const ours = await measure(2_000, async () => Number((await ledger.findFund(db, 'n1', 'f1')).balance));
  const baseline = await measure(30, () => ledger.sumOfLines(db, 'fund_id', 'f1'));
  if (ours.value !== baseline.value) throw new Error(`running balance ${ours.value} != sum of lines ${baseline.value}`);
  emit({
    bench: 'fund-balance-sqlite',
    entries: ENTRIES,
    p50_ms: round(ours.p50, 3),
    p99_ms: round(ours.p99, 3),
    baseline: 'full SUM over the fund lines',
    baseline_p50_ms: round(baseline.p50, 1),
    baseline_p99_ms: round(baseline.p99, 1),
    ratio: round(baseline.p50 / ours.p50, 0),
    target_p99_ms: 50,
    ok: ours.p99 <= 50,
  });
  if (ours.p99 > 50) process.exitCode = 1;
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
