import { latLngToCell } from 'h3-js';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { codeFromOutbox, postConfirm, subscribeAndConfirm } from './alerts.test-kit.ts';
import { ALERTS_POLICY } from './index.ts';

const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const LAKE_CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);
const NORTH_CELL = latLngToCell(44.98, -93.27, 7);
const push = (n: number) => ({
  endpoint: `https://push.example.org/send/reach-${n}`,
  keys: { p256dh: 'BPz'.padEnd(87, 'A'), auth: 'c2VjcmV0c2VjcmV0c2VjcmV0' },
});

describe.each(DIALECTS)('how many subscribers an alert reaches, by channel, on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  const as = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const reachUrl = (id: string, slug = 'alpha') => `/api/v1/networks/${slug}/incidents/${id}/alert-reach`;
  const subscribe = (payload: object, slug = 'alpha') =>
    t.app.inject({ method: 'POST', url: `/api/v1/networks/${slug}/alert-subscriptions`, payload });

  /** A new incident at Lake St from two neighbours. */
  const newIncident = async () => {
    t.clock.advance(31 * 60_000);
    for (const point of [LAKE, NEAR])
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: { category: 'home_raid', point } }))
          .statusCode,
      ).toBe(201);
    const queue = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    return queue.find((i: { status: string }) => i.status === 'new').id as string;
  };
  const verify = async (id: string) => {
    const current = (await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${id}`)).json().incident;
    const res = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: current.version,
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    // push.example.org stands for a push service on a public address (push-endpoint.api.test.ts checks the refusals).
    t = await createTestApp(dialect, {
      env: { PUSH_ALLOWED_HOSTS: 'push.example.org' },
      resolveHost: async () => ['93.184.215.14'],
    });
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    t.deps.config = {
      ...t.deps.config,
      vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:alerts@example.org' },
      twilio: { accountSid: 'AC1', authToken: 'tok', from: '+16125550100', apiBase: 'http://127.0.0.1:9' },
      smtp: { url: 'smtp://127.0.0.1:9', from: 'Alerts <alerts@example.org>' },
    };
    // In the incident's area: 3 by SMS, 2 by email, 1 by push.
    for (const phone of ['+16125550201', '+16125550202', '+16125550203'])
      await subscribeAndConfirm(t, { channel: 'sms', phone, cells: [LAKE_CELL], language: 'so' });
    for (const email of ['a@example.org', 'b@example.org'])
      await subscribeAndConfirm(t, { channel: 'email', email, cells: [LAKE_CELL, NORTH_CELL], language: 'en' });
    expect((await subscribe({ channel: 'push', push: push(1), cells: [LAKE_CELL], language: 'ar' })).statusCode).toBe(201);
    // Not counted: another area, still waiting for a code, and another network's subscriber of the same cell.
    await subscribeAndConfirm(t, { channel: 'sms', phone: '+16125550204', cells: [NORTH_CELL], language: 'en' });
    expect((await subscribe({ channel: 'push', push: push(2), cells: [NORTH_CELL], language: 'en' })).statusCode).toBe(201);
    expect((await subscribe({ channel: 'sms', phone: '+16125550205', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    expect(
      (await subscribe({ channel: 'email', email: 'waiting@example.org', cells: [LAKE_CELL], language: 'en' })).statusCode,
    ).toBe(202);
    expect(
      (await subscribe({ channel: 'sms', phone: '+16125550206', cells: [LAKE_CELL], language: 'en' }, 'beta')).statusCode,
    ).toBe(202);
    const code = await codeFromOutbox(t, '+16125550206');
    expect((await postConfirm(t, { channel: 'sms', phone: '+16125550206', code }, { slug: 'beta' })).statusCode).toBe(200);
    expect((await subscribe({ channel: 'push', push: push(3), cells: [LAKE_CELL], language: 'en' }, 'beta')).statusCode).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  it('counts confirmed subscribers of the area by channel, before and after the verified alert, with no contact in the answer', async () => {
    const id = await newIncident();
    const before = await as(dispatcher, 'GET', reachUrl(id));
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toEqual({ alerted: false, total: 6, byChannel: { sms: 3, email: 2, push: 1 } });
    await verify(id);
    const after = await as(dispatcher, 'GET', reachUrl(id));
    expect(after.json()).toEqual({ alerted: true, total: 6, byChannel: { sms: 3, email: 2, push: 1 } });
    // The alert went to the same six.
    const alert = await t.deps.database.db
      .selectFrom('alerts')
      .select('recipients')
      .where('incident_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(alert.recipients)).toBe(6);
    expect(after.body).not.toMatch(/example\.org|\+1612/);
  });

  it('401 without a session, 403 for everyone the policy does not name, 404 for an unknown incident or through another network', async () => {
    const id = await newIncident();
    expect((await as('', 'GET', reachUrl(id))).statusCode).toBe(401);
    const mismatches: string[] = [];
    for (const persona of PERSONAS) {
      const res = await as(await signIn(t.app, f.accounts[persona].email), 'GET', reachUrl(id));
      const allowed = expectedAllowed(persona, ALERTS_POLICY['alert.reach'], 'none');
      if ((res.statusCode === 200) !== allowed || (!allowed && res.statusCode !== 403))
        mismatches.push(`${persona}: ${res.statusCode}`);
    }
    expect(mismatches).toEqual([]);
    expect((await as(dispatcher, 'GET', reachUrl('01890000-0000-7000-8000-000000000000'))).statusCode).toBe(404);
    // Beta's dispatcher asks about alpha's incident through beta: it is no incident of beta.
    const outsider = await signIn(t.app, f.accounts.outsider.email);
    const other = await as(outsider, 'GET', reachUrl(id, 'beta'));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
  });
});
