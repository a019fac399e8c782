import { register } from 'tsx/esm/api';
register();
const { createTestApp, seedFixture } = await import('../packages/server/test/harness/test-app.ts');
const { listOrganizations } = await import('../packages/server/src/modules/networks/networks.repository.ts');
const { CompiledQuery } = await import('../packages/server/node_modules/kysely/dist/esm/index.js').catch(() => import('kysely'));
const t = await createTestApp('sqlite');
const f = await seedFixture(t.deps);
const db = t.deps.database.db;
const compiled = db
  .selectFrom('organizations as o')
  .select((eb) => [
    'o.id',
    'o.network_id',
    'o.name',
    'o.kind',
    'o.type',
    'o.status',
    'o.created_at',
    eb
      .selectFrom('memberships as m')
      .select((e) => e.fn.countAll().as('n'))
      .whereRef('m.organization_id', '=', 'o.id')
      .where('m.status', '=', 'active')
      .as('member_count'),
  ])
  .where('o.network_id', '=', f.networkId)
  .where('o.status', 'in', ['active', 'pending'])
  .orderBy('o.name')
  .compile();
async function time(label, fn, n = 5000) {
  for (let i = 0; i < 500; i++) await fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - s) / 1000 / n;
}
for (let r = 0; r < 3; r++) {
  const a = await time('kysely', () => listOrganizations(db, f.networkId, ['active', 'pending']));
  const b = await time('precompiled', () => db.executeQuery(CompiledQuery.raw(compiled.sql, compiled.parameters)));
  const c = await time('compile only', async () =>
    db
      .selectFrom('organizations as o')
      .select((eb) => [
        'o.id',
        'o.network_id',
        'o.name',
        'o.kind',
        'o.type',
        'o.status',
        'o.created_at',
        eb
          .selectFrom('memberships as m')
          .select((e) => e.fn.countAll().as('n'))
          .whereRef('m.organization_id', '=', 'o.id')
          .where('m.status', '=', 'active')
          .as('member_count'),
      ])
      .where('o.network_id', '=', f.networkId)
      .where('o.status', 'in', ['active', 'pending'])
      .orderBy('o.name')
      .compile(),
  );
  console.log(`kysely ${a.toFixed(1)}us  precompiled ${b.toFixed(1)}us  compile-only ${c.toFixed(1)}us`);
}
await t.close();
process.exit(0);
