import { register } from 'tsx/esm/api';
register();
const { createTestApp, seedFixture, signIn } = await import('../packages/server/test/harness/test-app.ts');
const t = await createTestApp(process.argv[2] ?? 'sqlite', { env: { REQUEST_LIMIT_PER_MINUTE: '10000000' } });
const f = await seedFixture(t.deps);
const cookie = await signIn(t.app, f.accounts.admin.email);
async function time(label, fn, n = 4000) {
  for (let i = 0; i < 500; i++) await fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  console.log(label.padEnd(34), (Number(process.hrtime.bigint() - s) / 1000 / n).toFixed(1), 'us');
}
for (let round = 0; round < 2; round++) {
  await time('healthz', () => t.app.inject({ method: 'GET', url: '/healthz' }));
  await time('seal (no cookie)', () => t.app.inject({ method: 'GET', url: '/api/v1/system/seal' }));
  await time('seal (cookie)', () => t.app.inject({ method: 'GET', url: '/api/v1/system/seal', headers: { cookie } }));
  await time('orgs', () => t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/organizations', headers: { cookie } }));
  await time('network', () => t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha', headers: { cookie } }));
}
const { listOrganizations } = await import('../packages/server/src/modules/networks/networks.repository.ts');
await time('repo.listOrganizations', () => listOrganizations(t.deps.database.db, f.networkId, ['active', 'pending']));
const shared = await import('../packages/shared/src/index.ts');
const r = await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/organizations', headers: { cookie } });
const body = r.json();
await time('zod OrganizationList.parse', async () => shared.OrganizationList.parse(body));
await time('JSON.stringify', async () => JSON.stringify(body));
const { serializerCompiler } = await import('../packages/server/node_modules/fastify-type-provider-zod/dist/esm/index.js').catch(
  () => import('fastify-type-provider-zod'),
);
const ser = serializerCompiler({ schema: shared.OrganizationList, method: 'GET', url: '/', httpStatus: '200' });
await time('type-provider serializer', async () => ser(body));
await t.close();
process.exit(0);
