import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { verifyAudit } from '../../platform/audit/audit.ts';
import { purgeExpired } from './index.ts';

describe.each(DIALECTS)('retention on %s', (dialect) => {
  let t: TestApp;
  const report = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: body });
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('deletes raw reports and their contact after 72 h, blurs incident locations after 7 days, and audits it', async () => {
    await report({
      category: 'home_raid',
      point: { lat: 44.948612, lng: -93.252634 },
      locationText: '3012 Bloomington Ave',
      contact: '+16125550100',
      description: 'door kicked',
    });
    const db = t.deps.database.db;
    expect(await purgeExpired(t.deps)).toMatchObject({ reportsDeleted: 0, incidentsCoarsened: 0 });

    t.clock.advance(71 * 3600_000);
    await report({ category: 'checkpoint', point: { lat: 44.8, lng: -93.1 } });
    expect((await purgeExpired(t.deps)).reportsDeleted).toBe(0);

    t.clock.advance(2 * 3600_000);
    expect((await purgeExpired(t.deps)).reportsDeleted).toBe(1);
    const left = await db.selectFrom('reports').select(['category', 'contact_enc']).execute();
    expect(left.map((r) => r.category)).toEqual(['checkpoint']);
    // The incident stays (the record of what happened), with its precise location until day 7.
    const incident = await db
      .selectFrom('incidents')
      .select(['lat', 'lng', 'point_enc', 'coarsened'])
      .where('category', '=', 'home_raid')
      .executeTakeFirstOrThrow();
    // Sealed at rest: no plain coordinates, the exact point inside the ciphertext.
    expect([incident.lat, incident.lng]).toEqual([null, null]);
    expect(t.deps.keyring.decrypt('address', incident.point_enc!)).toBe('44.948612,-93.252634');

    t.clock.advance(5 * 86_400_000);
    const r = await purgeExpired(t.deps);
    expect(r.incidentsCoarsened).toBe(1);
    const blurred = await db
      .selectFrom('incidents')
      .select(['lat', 'lng', 'point_enc', 'location_text', 'location_text_enc', 'coarsened'])
      .where('category', '=', 'home_raid')
      .executeTakeFirstOrThrow();
    // The blurred point is sealed too.
    expect({
      plain: [blurred.lat, blurred.lng, blurred.location_text, blurred.location_text_enc],
      point: t.deps.keyring.decrypt('address', blurred.point_enc!),
      coarsened: Number(blurred.coarsened),
    }).toEqual({ plain: [null, null, null, null], point: '44.95,-93.25', coarsened: 1 });
    expect((await purgeExpired(t.deps)).incidentsCoarsened).toBe(0);

    const purges = await db.selectFrom('audit_log').select('detail').where('action', '=', 'retention.purge').execute();
    expect(purges.length).toBe(2);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('follows a network’s own shorter period', async () => {
    const admin = await signIn(t.app, 'admin@test.local');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/networks/alpha/settings',
      headers: { cookie: admin },
      payload: { retention: { rawReportsHours: 1 } },
    });
    await report({ category: 'staging', point: { lat: 44.7, lng: -93.0 } });
    t.clock.advance(61 * 60_000);
    expect((await purgeExpired(t.deps)).reportsDeleted).toBeGreaterThanOrEqual(1);
    expect(await t.deps.database.db.selectFrom('reports').select('id').where('category', '=', 'staging').execute()).toEqual([]);
  });
});
