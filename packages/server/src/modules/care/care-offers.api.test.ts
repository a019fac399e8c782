import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

const OFFERS = '/api/v1/networks/alpha/care/offers';

/** Offers of items, driving time and storage: members file, coordinators list and decide; the contact is sealed at rest. */
describe.each(DIALECTS)('care offers on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coord: string;
  let driver: string;
  let responder: string;
  let outsider: string;
  const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object, lang?: string) =>
    t.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
      ...(payload ? { payload } : {}),
    });
  const diapers = { kind: 'items', items: [{ name: 'Diaper packs', quantity: 40 }], contact: '+1 612 555 0142' };
  const driving = {
    kind: 'driving',
    driving: {
      windows: [
        { day: 6, from: '09:00', to: '13:00' },
        { day: 2, from: '17:30', to: '20:00' },
      ],
      area: 'Phillips and Powderhorn',
      vehicle: 'Minivan',
      childSeats: 2,
      languages: ['so', 'ar'],
    },
    contact: 'driver-offer@example.org',
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [coord, driver, responder, outsider] = await Promise.all(
      (['org_coordinator', 'driver', 'responder', 'outsider'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  });
  afterAll(() => t.close());

  it('answers 401, 403 and 400 before anything is stored, with stable codes and translated messages', async () => {
    expect((await call(undefined, 'POST', OFFERS, diapers)).statusCode).toBe(401);
    expect((await call(outsider, 'POST', OFFERS, diapers)).statusCode).toBe(403);
    expect((await call(driver, 'GET', OFFERS)).statusCode).toBe(403);
    // Messages come in the signed-in person's language (here Somali, then Spanish for the coordinator).
    const setLanguage = (id: string, language: string) =>
      t.deps.database.db.updateTable('accounts').set({ language }).where('id', '=', id).execute();
    await setLanguage(f.accounts.responder.id, 'so');
    await setLanguage(f.accounts.org_coordinator.id, 'es');
    const bad = await call(
      responder,
      'POST',
      OFFERS,
      { ...driving, driving: { ...driving.driving, windows: [{ day: 7, from: '25:00', to: '1' }] } },
      'so',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const english = await call(driver, 'POST', OFFERS, { kind: 'items', items: [], contact: 'x' });
    expect(bad.json().error.message).not.toBe(english.json().error.message);
    // An organization the member does not belong to.
    const notMine = await call(driver, 'POST', OFFERS, { ...diapers, organizationId: f.orgB });
    expect(notMine.statusCode).toBe(400);
    expect(await t.deps.database.db.selectFrom('care_offers').select('id').execute()).toEqual([]);
  });

  it('lets a member offer items, driving time or storage, and coordinators list, accept and decline them', async () => {
    const items = await call(responder, 'POST', OFFERS, { ...diapers, organizationId: f.orgA });
    expect(items.statusCode, items.body).toBe(201);
    expect(items.json()).toMatchObject({ kind: 'items', organizationId: f.orgA, items: diapers.items, status: 'pending' });
    const drives = await call(driver, 'POST', OFFERS, driving);
    expect(drives.statusCode, drives.body).toBe(201);
    const storage = await call(driver, 'POST', OFFERS, {
      kind: 'storage',
      storage: { description: 'Church basement shelf' },
      contact: '(612) 555-0177',
    });
    expect(storage.statusCode, storage.body).toBe(201);

    const list = await call(coord, 'GET', OFFERS);
    expect(list.statusCode).toBe(200);
    const offers = list.json().offers as { id: string; contact: string; driving: unknown }[];
    expect(offers).toHaveLength(3);
    expect(offers.find((o) => o.id === drives.json().id)).toMatchObject({ driving: driving.driving, contact: driving.contact });

    const accepted = await call(coord, 'POST', `${OFFERS}/${items.json().id}/decision`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedAt: t.clock.now().toISOString() });
    const again = await call(coord, 'POST', `${OFFERS}/${items.json().id}/decision`, { decision: 'decline' }, 'es');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'offer_decided',
      message: 'Esta oferta ya fue decidida. Recargue para ver su estado.',
    });
    expect((await call(coord, 'POST', `${OFFERS}/${storage.json().id}/decision`, { decision: 'decline' })).json().status).toBe(
      'declined',
    );
    const pending = await call(coord, 'GET', `${OFFERS}?status=pending`);
    expect(pending.json().offers.map((o: { id: string }) => o.id)).toEqual([drives.json().id]);
    expect((await call(coord, 'GET', `${OFFERS}?status=maybe`)).statusCode).toBe(400);
    expect((await call(coord, 'POST', `${OFFERS}/${f.orgA}/decision`, { decision: 'accept' })).statusCode).toBe(404);

    // At rest: what is offered and the contact are ciphertexts; the list read is audited.
    const rows = await t.deps.database.db.selectFrom('care_offers').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/Diaper|Powderhorn|Minivan|555|driver-offer|basement/);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'care.offer.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'care.offer.accept',
        'care.offer.decline',
        'care.offer.file',
        'care.offer.file',
        'care.offer.file',
        'care.offer.list',
        'care.offer.list',
      ].sort(),
    );
  });
});
