import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { setSharedWith, sharedWith } from './shares.repository.ts';

describe.each(DIALECTS)('named sharing rows on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('replaces the named organizations of an item', async () => {
    const db = t.deps.database.db;
    const item = { kind: 'site', id: newId(), networkId: f.networkId };
    await setSharedWith(db, item, [f.orgA, f.orgB, f.orgA]);
    expect((await sharedWith(db, 'site', item.id)).sort()).toEqual([f.orgA, f.orgB].sort());
    await setSharedWith(db, item, [f.orgB]);
    expect(await sharedWith(db, 'site', item.id)).toEqual([f.orgB]);
  });

  it('refuses to name an organization of another network, and writes nothing', async () => {
    const db = t.deps.database.db;
    const beta = await db
      .selectFrom('organizations')
      .innerJoin('networks', 'networks.id', 'organizations.network_id')
      .select('organizations.id')
      .where('networks.slug', '=', 'beta')
      .executeTakeFirstOrThrow();
    const item = { kind: 'site', id: newId(), networkId: f.networkId };
    await expect(db.transaction().execute((trx) => setSharedWith(trx, item, [f.orgA, beta.id]))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await sharedWith(db, 'site', item.id)).toEqual([]);
  });
});
