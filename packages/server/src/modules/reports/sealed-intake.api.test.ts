import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { initPassphrase, unsealWithPassphrase } from '../../platform/crypto/key-binding.ts';
import { sealTo } from '../../platform/crypto/sealed-box.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/wiring.ts';
import { twilioSignature } from '../public-intake/twilio-signature.ts';

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
const PASSPHRASE = 'correct horse battery staple sealed intake';
// Lake Street & Bloomington Ave, Minneapolis, and a point ~200 m away: one incident.
const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const BLOCKED = '+16125550199';
const SUBSCRIBER = '+16125550177';
const CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);

describe.each(DIALECTS)('intake while sealed on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let dispatcher: string;
  const held = () => t.deps.database.db.selectFrom('sealed_intake').selectAll().orderBy('received_at').execute();
  const reportsWithCode = (code: string) =>
    t.deps.database.db.selectFrom('reports').selectAll().where('receipt_code', '=', code).execute();
  const apiReport = (body: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: body, headers });
  const sms = (params: Record<string, string>) => {
    const url = `${TEST_ORIGIN}/hooks/sms/twilio/alpha`;
    return t.app.inject({
      method: 'POST',
      url: '/hooks/sms/twilio/alpha',
      payload: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(AUTH_TOKEN, url, params),
      },
    });
  };
  const smsParams = {
    MessageSid: `SM${'5'.repeat(32)}`,
    AccountSid: 'AC0123',
    From: '+16125550188',
    To: '+16125550000',
    Body: 'ICE vans outside the school on 28th',
    NumMedia: '0',
  };
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+16125550000' },
    });
    // Passphrase mode, as a server that can start sealed: the key comes back through /unseal.
    await initPassphrase(t.deps.database.db, t.deps.keyring, PASSPHRASE);
    f = await seedFixture(t.deps);
    await t.deps.database.db
      .updateTable('accounts')
      .set({ is_deployment_admin: 1 })
      .where('id', '=', f.accounts.admin.id)
      .execute();
    admin = await signIn(t.app, f.accounts.admin.email);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    const block = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/sms-blocklist',
      headers: { cookie: dispatcher },
      payload: { number: BLOCKED },
    });
    expect(block.statusCode).toBe(200);
    // Someone who asked for SMS alerts (not yet confirmed), and will say STOP while sealed.
    const subscribed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/alert-subscriptions',
      payload: { channel: 'sms', phone: SUBSCRIBER, cells: [CELL], language: 'en' },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(202);
    // Started once with the key: the intake public key is stored. Then an unattended reboot.
    await emit(t.deps, 'system.unsealed', { via: 'start' });
    t.deps.keyring.seal();
  });
  afterAll(() => t.close());

  it('a signed SMS is answered with its receipt and stored sealed: no number, no words in the row', async () => {
    const res = await sms(smsParams);
    expect(res.statusCode).toBe(200);
    const code = /Code ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(res.body)?.[1];
    expect(code).toBeDefined();
    codes.sms = code!;
    const rows = await held();
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows[0]);
    for (const leak of ['5550188', '+1612', 'school', 'ICE vans', smsParams.MessageSid]) expect(raw).not.toContain(leak);
    expect(rows[0].receipt_code).toBe(code);
    expect(await t.deps.database.db.selectFrom('reports').selectAll().execute()).toHaveLength(0);
    // Twilio retrying the same message: the same receipt, still one row.
    const again = await sms(smsParams);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(code);
    expect(await held()).toHaveLength(1);
  });

  it('a blocked sender cannot be told apart while sealed (the blocklist is keyed): held, and dropped on unseal', async () => {
    const res = await sms({ ...smsParams, MessageSid: `SM${'6'.repeat(32)}`, From: BLOCKED, Body: 'spam spam' });
    expect(res.statusCode).toBe(200);
    expect(await held()).toHaveLength(2);
  });

  it('a STOP to alerts while sealed is held like any SMS (subscriptions are found by keyed hash)', async () => {
    const res = await sms({ ...smsParams, MessageSid: `SM${'7'.repeat(32)}`, From: SUBSCRIBER, Body: 'STOP' });
    expect(res.statusCode).toBe(200);
    expect(await held()).toHaveLength(3);
  });

  it('a web report with a callback number gets 201 and its receipt; a replay of its key the same receipt, one row', async () => {
    const body = {
      category: 'home_raid',
      point: LAKE,
      locationText: 'Lake St & Bloomington',
      description: 'Two vans',
      contact: '+1 612 555 0142',
      language: 'es',
    };
    const key = { 'idempotency-key': 'sealed-intake-key-0001' };
    const res = await apiReport(body, key);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ language: 'es', receiptCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    codes.web = res.json().receiptCode;
    const replay = await apiReport(body, key);
    // A replay is answered as the normal intake answers one: 200, the first receipt.
    expect(replay.statusCode).toBe(200);
    expect(replay.json().receiptCode).toBe(codes.web);
    const near = await apiReport({ category: 'home_raid', point: NEAR, description: 'Agents at the door' });
    expect(near.statusCode).toBe(201);
    codes.near = near.json().receiptCode;
    const rows = await held();
    expect(rows).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toContain('555 0142');
  });

  it('the public form without JavaScript gets the receipt page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      payload: 'lang=en&category=checkpoint&where=Cedar+Ave+%26+Franklin&contact=6125550177&key=form-key-sealed-01',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    const code = /id="receipt-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(res.body)?.[1];
    expect(code).toBeDefined();
    codes.form = code!;
    expect(await held()).toHaveLength(6);
  });

  it('a held receipt reads as received while sealed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/receipt-status',
      payload: { code: codes.web },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'received' });
  });

  it('unsealed before the drain reaches it, a replay of a held report still gets its receipt', async () => {
    // The key is back (loaded, no drain yet): the same Idempotency-Key must not make a second report.
    expect(await unsealWithPassphrase(t.deps.database.db, t.deps.keyring, PASSPHRASE)).toBe(true);
    const replay = await apiReport(
      { category: 'home_raid', point: LAKE, description: 'Two vans', contact: '+1 612 555 0142', language: 'es' },
      { 'idempotency-key': 'sealed-intake-key-0001' },
    );
    expect(replay.statusCode).toBe(200);
    expect(replay.json().receiptCode).toBe(codes.web);
    expect(await held()).toHaveLength(6);
    expect(await t.deps.database.db.selectFrom('reports').selectAll().execute()).toHaveLength(0);
    t.deps.keyring.seal();
  });

  it('on /unseal the queue becomes reports, same receipts, clustered as usual; a gone network’s row is dropped, audited', async () => {
    // A report held for a network deleted since.
    const stored = await t.deps.database.db
      .selectFrom('system_state')
      .select('value')
      .where('key', '=', 'sealed_intake.public_key')
      .executeTakeFirstOrThrow();
    const goneId = newId();
    await t.deps.database.db
      .insertInto('sealed_intake')
      .values({
        id: newId(),
        network_id: goneId,
        received_at: t.clock.now().toISOString(),
        sealed: sealTo(
          Buffer.from(stored.value, 'base64url'),
          JSON.stringify({ v: 1, input: { report: { category: 'other' }, source: 'api', language: 'en' } }),
        ),
        dedupe_hash: null,
        receipt_code: 'ZZZZ-ZZZZ',
      })
      .execute();

    const published: BusEvent[] = [];
    const off = t.deps.events.subscribe(f.networkId, (e) => published.push(e));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie: admin },
      payload: { passphrase: PASSPHRASE },
    });
    expect(res.statusCode).toBe(200);
    expect(t.deps.keyring.sealed).toBe(false);
    expect(await held()).toHaveLength(0);

    for (const code of Object.values(codes)) expect(await reportsWithCode(code)).toHaveLength(1);
    const [web] = await reportsWithCode(codes.web);
    const [near] = await reportsWithCode(codes.near);
    const [sent] = await reportsWithCode(codes.sms);
    // The two reports ~200 m apart joined one incident, as they would have unsealed.
    expect(near.incident_id).toBe(web.incident_id);
    expect(sent).toMatchObject({ source: 'sms', needs_structuring: expect.anything(), sms_message_sid: smsParams.MessageSid });

    const queue = (
      await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/incidents', headers: { cookie: dispatcher } })
    ).json().incidents as { id: string; reportCount: number }[];
    expect(queue.find((i) => i.id === web.incident_id)?.reportCount).toBe(2);
    expect(queue.some((i) => i.id === sent.incident_id)).toBe(true);
    // The callback number was encrypted under the field key on filing, and reads back.
    const contact = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/alpha/reports/${web.id}/contact`,
      headers: { cookie: dispatcher },
    });
    expect(contact.statusCode).toBe(200);
    expect(JSON.stringify(contact.json())).toContain('6125550142');
    // Dispatchers' live queues heard of them as of any report.
    await new Promise((r) => setTimeout(r, 50));
    off();
    expect(published.filter((e) => e.type === 'report.created')).toHaveLength(4);

    const dropped = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'sealed_intake.dropped')
      .execute();
    expect(dropped).toHaveLength(3);
    expect(dropped.map((d) => JSON.parse(d.detail).reason).sort()).toEqual(['alert_reply', 'network_gone', 'sender_blocked']);
    // The STOP was applied to the subscription, as it would have been unsealed, and is no report.
    expect(await t.deps.database.db.selectFrom('alert_subscriptions').selectAll().execute()).toHaveLength(0);
    expect(JSON.stringify(dropped)).not.toContain('5550177');
    expect(dropped.some((d) => d.detail.includes(goneId))).toBe(true);
    expect(JSON.stringify(dropped)).not.toContain('5550199');

    // The reporter's receipt still works, now from the report itself.
    const status = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/receipt-status',
      payload: { code: codes.sms },
    });
    expect(status.json()).toEqual({ status: 'received' });
    // Twilio retrying the SMS after unseal: the same receipt, no second report.
    const again = await sms(smsParams);
    expect(again.body).toContain(codes.sms);
    expect(await t.deps.database.db.selectFrom('reports').selectAll().execute()).toHaveLength(4);
  });
});
