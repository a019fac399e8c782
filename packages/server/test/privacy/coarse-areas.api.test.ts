import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../harness/test-app.ts';

// One point in Minneapolis at three resolutions: ~1 m² (15), ~0.7 km² (8), ~5 km² (7).
const PRECISE = latLngToCell(44.9486, -93.2526, 15);
const COARSE = latLngToCell(44.9486, -93.2526, 8);
const AREA = latLngToCell(44.9486, -93.2526, 7);

/**
 * Every area a person or responder gives is a coarse H3 cell (resolution 8 or coarser):
 * a precise cell is refused with 400 validation_failed, in the caller's language, and
 * nothing of it is stored.
 */
describe.each(DIALECTS)('coarse areas only on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const db = () => t.deps.database.db;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('a home area', async () => {
    const cookie = await signIn(t.app, f.accounts.driver.email);
    const patch = (homeArea: string) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { homeArea } });
    const res = await patch(PRECISE);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    // An invalid cell that merely looks like one is refused too.
    expect((await patch('fffffffffffffff')).statusCode).toBe(400);
    expect(
      (await db().selectFrom('accounts').select('home_area').where('id', '=', f.accounts.driver.id).executeTakeFirstOrThrow())
        .home_area,
    ).toBeNull();
    expect((await patch(COARSE)).statusCode).toBe(200);
    expect((await patch(AREA)).json().homeArea).toBe(AREA);
  });

  it("a responder's availability", async () => {
    const cookie = await signIn(t.app, f.accounts.responder.email);
    const put = (cell: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/networks/alpha/responder/availability',
        headers: { cookie },
        payload: { available: true, cell },
      });
    const res = await put(PRECISE);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(
      await db().selectFrom('responders').select('cell').where('account_id', '=', f.accounts.responder.id).execute(),
    ).toEqual([]);
    expect((await put(COARSE)).json()).toMatchObject({ available: true, cell: COARSE });
  });

  it("an alert subscription (the message in the caller's language)", async () => {
    const subscribe = (language: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/alert-subscriptions',
        headers: { 'accept-language': language },
        payload: { channel: 'sms', phone: '+16125550142', cells: [AREA, PRECISE], language: 'so' },
      });
    const res = await subscribe('so');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).not.toBe((await subscribe('en')).json().error.message);
    expect(await db().selectFrom('alert_subscriptions').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('alert_subscription_cells').select('cell').execute()).toEqual([]);
  });
});
