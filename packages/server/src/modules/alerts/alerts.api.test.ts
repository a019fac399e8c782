import { latLngToCell } from 'h3-js';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { subscribeAndConfirm } from './alerts.test-kit.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';

const LAKE = latLngToCell(44.9486, -93.2526, 7);
const NORTH = latLngToCell(44.98, -93.27, 7);
const SUBSCRIBE = '/api/v1/networks/alpha/alert-subscriptions';
const PUSH = {
  endpoint: 'https://push.example.org/send/abc',
  keys: { p256dh: 'BPz'.padEnd(87, 'A'), auth: 'c2VjcmV0c2VjcmV0c2VjcmV0' },
};

describe.each(DIALECTS)('alert subscriptions and public alerts on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const post = (payload: unknown, url = SUBSCRIBE) => t.app.inject({ method: 'POST', url, payload: payload as object });
  const count = async (table: 'alert_subscriptions' | 'alert_subscription_cells') =>
    Number(
      (
        await t.deps.database.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // push.example.org stands for a push service on a public address (push-endpoint.api.test.ts checks the refusals).
    t = await createTestApp(dialect, {
      env: { PUSH_ALLOWED_HOSTS: 'push.example.org' },
      resolveHost: async () => ['93.184.215.14'],
    });
    f = await seedFixture(t.deps);
    const vapid = webpush.generateVAPIDKeys();
    t.deps.config = {
      ...t.deps.config,
      vapid: { ...vapid, subject: 'mailto:alerts@example.org' },
      twilio: { accountSid: 'AC1', authToken: 'tok', from: '+16125550100', apiBase: 'http://127.0.0.1:9' },
    };
  });
  afterAll(() => t.close());

  it('400: bad or too-fine cells, missing push keys, wrong endpoint for the channel, unknown fields; nothing is written', async () => {
    const cases: unknown[] = [
      { channel: 'sms', phone: '+16125550142', cells: ['not-a-cell'], language: 'so' },
      { channel: 'sms', phone: '+16125550142', cells: ['fffffffffffffff'], language: 'so' },
      { channel: 'sms', phone: '+16125550142', cells: [latLngToCell(44.9486, -93.2526, 8)], language: 'so' },
      { channel: 'sms', phone: '+16125550142', cells: [], language: 'so' },
      { channel: 'push', push: { endpoint: PUSH.endpoint }, cells: [LAKE], language: 'en' },
      { channel: 'push', cells: [LAKE], language: 'en' },
      { channel: 'sms', email: 'a@example.org', cells: [LAKE], language: 'en' },
      { channel: 'sms', phone: '+16125550142', push: PUSH, cells: [LAKE], language: 'en' },
      { channel: 'sms', phone: '612-555-0142', cells: [LAKE], language: 'en' },
      { channel: 'sms', phone: '+16125550142', cells: [LAKE], language: 'xx' },
      { channel: 'sms', phone: '+16125550142', cells: [LAKE], language: 'en', name: 'Ana' },
      { channel: 'fax', cells: [LAKE], language: 'en' },
    ];
    for (const body of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/validation_failed|bad_request/);
    }
    // email is not configured on this server
    const email = await post({ channel: 'email', email: 'ana@example.org', cells: [LAKE], language: 'es' });
    expect(email.statusCode).toBe(400);
    expect(await count('alert_subscriptions')).toBe(0);
  });

  it('404: an unknown network', async () => {
    expect(
      (
        await post(
          { channel: 'sms', phone: '+16125550142', cells: [LAKE], language: 'so' },
          '/api/v1/networks/nowhere/alert-subscriptions',
        )
      ).statusCode,
    ).toBe(404);
  });

  it('subscribes anonymously, stores the endpoint encrypted, and updates instead of duplicating', async () => {
    const first = await post({ channel: 'push', push: PUSH, cells: [LAKE], language: 'so' });
    expect(first.statusCode).toBe(201);
    const { id, manageToken, confirmationRequired } = first.json();
    expect(confirmationRequired).toBe(false);
    expect(manageToken).toMatch(/^[\w-]{43}$/);
    const row = await t.deps.database.db
      .selectFrom('alert_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.endpoint_enc).not.toContain('push.example.org');
    expect(row.manage_token_hash).not.toBe(manageToken);
    // Web Push needs no code: only the browser holding the subscription can receive on it.
    expect(row.confirmed_at).not.toBeNull();

    const again = await post({ channel: 'push', push: PUSH, cells: [LAKE, NORTH, NORTH], language: 'es', discreet: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect(again.json().manageToken).not.toBe(manageToken);
    expect(await count('alert_subscriptions')).toBe(1);
    const cells = await t.deps.database.db
      .selectFrom('alert_subscription_cells')
      .select('cell')
      .where('subscription_id', '=', id)
      .execute();
    expect(cells.map((c) => c.cell).sort()).toEqual([LAKE, NORTH].sort());
    const updated = await t.deps.database.db
      .selectFrom('alert_subscriptions')
      .select(['language', 'discreet'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ language: 'es', discreet: 1 });
    // The first token was rotated away.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-subscriptions/${manageToken}` })).statusCode).toBe(404);

    // An SMS subscription waits for its code, and its row keeps the number encrypted.
    const sms = await post({ channel: 'sms', phone: '+16125550142', cells: [LAKE], language: 'hmn' });
    expect(sms.statusCode).toBe(202);
    expect(sms.json()).toEqual({ confirmationRequired: true });
    const pending = await t.deps.database.db
      .selectFrom('alert_subscriptions')
      .selectAll()
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(pending.endpoint_enc).not.toContain('5550142');
    expect(pending.confirmed_at).toBeNull();
  });

  it('concurrent first subscribes of one browser make one subscription, with no 500', async () => {
    const push = { ...PUSH, endpoint: 'https://push.example.org/send/burst' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post({ channel: 'push', push, cells: [LAKE], language: 'en' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const rows = await t.deps.database.db
      .selectFrom('alert_subscriptions')
      .select('id')
      .where('endpoint_hash', '=', t.deps.keyring.lookupHash(`push:${push.endpoint}`))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('unsubscribes with the manage token (400 for a malformed one, 404 for an unknown one)', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/alert-subscriptions/short' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-subscriptions/${'A'.repeat(43)}` })).statusCode).toBe(404);
    const { id, manageToken } = await subscribeAndConfirm(t, {
      channel: 'sms',
      phone: '+16125550199',
      cells: [LAKE],
      language: 'ar',
    });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-subscriptions/${manageToken}` });
    expect(res.statusCode).toBe(200);
    expect(
      await t.deps.database.db.selectFrom('alert_subscriptions').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await t.deps.database.db
        .selectFrom('alert_subscription_cells')
        .select('cell')
        .where('subscription_id', '=', id)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('serves the VAPID public key, and 404 when Web Push is not configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/push/vapid-public-key' });
    expect(res.statusCode).toBe(200);
    expect(res.json().publicKey).toBe(t.deps.config.vapid!.publicKey);
    const saved = t.deps.config;
    t.deps.config = { ...saved, vapid: undefined };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/push/vapid-public-key' })).statusCode).toBe(404);
    t.deps.config = saved;
  });

  it('public alerts and their live stream: 404 until the network switches the public map on', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/alerts' })).statusCode).toBe(404);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${base}/api/v1/networks/alpha/alerts/stream`)).status).toBe(404);

    const admin = await signIn(t.app, f.accounts.admin.email);
    const on = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/networks/alpha/settings',
      headers: { cookie: admin },
      payload: { rapidResponse: { publicAlertMap: true } },
    });
    expect(on.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/alerts' })).json()).toEqual({ alerts: [] });

    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/networks/alpha/alerts/stream`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil('event: ready');
    // Dispatcher-only events never reach the public stream; alerts do.
    // A malformed event on purpose: the public filter must drop it whatever it holds.
    await t.deps.events.publish({
      type: 'incident.updated',
      networkId: f.networkId,
      data: { secret: 'dispatcher-only' },
    } as unknown as BusEvent);
    await t.deps.events.publish({
      type: 'alert.published',
      networkId: f.networkId,
      data: { alert: { id: 'a1', kind: 'verified', category: 'checkpoint', area: LAKE } },
    } as unknown as BusEvent);
    await readUntil('event: alert.published');
    expect(text).not.toContain('dispatcher-only');
    controller.abort();
  });
});
