import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';

const SETTINGS = '/api/v1/networks/alpha/settings';

describe.each(DIALECTS)('the hotline number setting on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: SETTINGS, headers: { cookie: admin }, payload });
  const stored = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha', headers: { cookie: admin } })).json().settings
      .rapidResponse;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    admin = await signIn(t.app, f.accounts.admin.email);
  });
  afterAll(() => t.close());

  it('starts empty, and settings stored before the field existed read it as null', async () => {
    const db = t.deps.database.db;
    const row = await db.selectFrom('networks').select(['id', 'settings']).where('slug', '=', 'alpha').executeTakeFirstOrThrow();
    const old = JSON.parse(row.settings);
    expect(old.rapidResponse).toHaveProperty('hotlineNumber', null);
    // As an older version stored them: no hotlineNumber key at all.
    delete old.rapidResponse.hotlineNumber;
    await db
      .updateTable('networks')
      .set({ settings: JSON.stringify(old) })
      .where('id', '=', row.id)
      .execute();
    await invalidateCaches(t.deps, { scope: 'network', networkId: row.id });
    const res = await patch({ vouchesRequired: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.rapidResponse.hotlineNumber).toBeNull();
  });

  it('refuses a number that is not E.164, naming the field, and keeps what was stored', async () => {
    expect((await patch({ rapidResponse: { hotlineNumber: '+16125550000' } })).statusCode).toBe(200);
    for (const bad of ['6125550000', '+1 612 555 0000', '+123456', '+1234567890123456', '+1612555000a', '', 42]) {
      const res = await patch({ rapidResponse: { hotlineNumber: bad } });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('/rapidResponse/hotlineNumber');
    }
    expect((await stored()).hotlineNumber).toBe('+16125550000');
  });

  it('keeps a valid number beside the other rapid-response settings, and clears it with null', async () => {
    const res = await patch({ rapidResponse: { hotlineNumber: '+2521234567', publicAlertMap: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.rapidResponse).toEqual({
      clusterRadiusMeters: 500,
      clusterWindowMinutes: 30,
      dispatchTimeoutSeconds: 180,
      publicAlertMap: true,
      hotlineNumber: '+2521234567',
    });
    // A patch of another field leaves the number alone.
    expect((await patch({ rapidResponse: { clusterRadiusMeters: 800 } })).json().settings.rapidResponse.hotlineNumber).toBe(
      '+2521234567',
    );
    expect((await patch({ rapidResponse: { hotlineNumber: null } })).json().settings.rapidResponse.hotlineNumber).toBeNull();
    expect((await stored()).hotlineNumber).toBeNull();
  });
});
