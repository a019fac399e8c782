import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpDouble, type SmtpDouble } from '../../../test/doubles/smtp.double.ts';
import { startTwilioDouble, type TwilioDouble } from '../../../test/doubles/twilio.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type TestApp } from '../../../test/harness/test-app.ts';
import { twilioSignature } from '../public-intake/twilio-signature.ts';
import type { OutboxWorker } from '../notify/index.ts';
import { MAX_ATTEMPTS, purgeUnconfirmedSubscriptions, SENDS_PER_DAY, SENDS_PER_HOUR } from './alert-confirmation.ts';
import { codeFromOutbox, codeIn, postConfirm } from './alerts.test-kit.ts';
import { createAlertOutboxWorker } from './index.ts';

const LAKE = { lat: 44.9486, lng: -93.2526 };
const LAKE_CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);
const NORTH_CELL = latLngToCell(44.98, -93.27, 7);
const SUBSCRIBE = '/api/v1/networks/alpha/alert-subscriptions';

describe.each(DIALECTS)('confirming SMS and email alert subscriptions on %s', (dialect) => {
  let t: TestApp;
  let twilio: TwilioDouble;
  let smtp: SmtpDouble;
  let worker: OutboxWorker;
  let dispatcher: string;
  let sidCounter = 0;
  const db = () => t.deps.database.db;
  const subscribe = (body: object) => t.app.inject({ method: 'POST', url: SUBSCRIBE, payload: body });
  const subscriptionOf = (endpoint: string) =>
    db()
      .selectFrom('alert_subscriptions')
      .selectAll()
      .where('endpoint_hash', '=', t.deps.keyring.lookupHash(endpoint))
      .executeTakeFirst();
  const smsTo = (to: string) => twilio.messages.filter((m) => m.to === to);
  const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: dispatcher }, ...(payload ? { payload } : {}) });
  /** A verified incident at Lake St; returns how many alert rows it queued. */
  const verifiedIncidentAtLake = async () => {
    t.clock.advance(31 * 60_000);
    for (const point of [LAKE, { lat: 44.95, lng: -93.251 }])
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/networks/alpha/reports',
            payload: { category: 'checkpoint', point },
          })
        ).statusCode,
      ).toBe(201);
    const incident = (await as('GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.find((i: { status: string; reportCount: number }) => i.status === 'new' && i.reportCount === 2);
    const res = await as('POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: incident.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return incident.id as string;
  };
  /** Post an inbound SMS as Twilio would, signed. */
  const inboundSms = (from: string, body: string) => {
    const params = {
      MessageSid: `SM${(++sidCounter).toString(16).padStart(32, '0')}`,
      AccountSid: twilio.accountSid,
      From: from,
      To: '+16125550100',
      Body: body,
      NumMedia: '0',
    };
    const sig = twilioSignature(twilio.authToken, `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, params);
    return t.app.inject({
      method: 'POST',
      url: '/hooks/sms/twilio/alpha',
      payload: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
    });
  };

  beforeAll(async () => {
    [twilio, smtp] = await Promise.all([startTwilioDouble(), startSmtpDouble()]);
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    t.deps.config = {
      ...t.deps.config,
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+16125550100', apiBase: twilio.apiBase },
      smtp: { url: smtp.url, from: 'Alerts <alerts@example.org>' },
    };
    worker = createAlertOutboxWorker(t.deps);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([twilio.close(), smtp.close()]);
  });
  // Each test starts a day later, so the per-number throttle of one never limits the next.
  beforeEach(() => t.clock.advance(25 * 3600_000));

  it('400: malformed confirmations; 404: unknown network', async () => {
    const cases: unknown[] = [
      { channel: 'sms', code: '123456' },
      { channel: 'sms', phone: '+16125550142', code: '12345' },
      { channel: 'sms', phone: '+16125550142', code: 'abcdef' },
      { channel: 'sms', phone: '+16125550142', email: 'a@example.org', code: '123456' },
      { channel: 'email', phone: '+16125550142', code: '123456' },
      { channel: 'push', code: '123456' },
      { channel: 'sms', phone: '612-555-0142', code: '123456' },
      { channel: 'sms', phone: '+16125550142', code: '123456', extra: 1 },
    ];
    for (const body of cases) {
      const res = await postConfirm(t, body as object);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(
      (await postConfirm(t, { channel: 'sms', phone: '+16125550142', code: '123456' }, { slug: 'nowhere' })).statusCode,
    ).toBe(404);
  });

  it("an SMS subscription waits for its code: sent in the subscriber's language, stored only as a keyed hash", async () => {
    const res = await subscribe({ channel: 'sms', phone: '+16125550101', cells: [LAKE_CELL], language: 'so' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ confirmationRequired: true });
    const row = (await subscriptionOf('sms:+16125550101'))!;
    expect(row.confirmed_at).toBeNull();
    const code = await codeFromOutbox(t, '+16125550101');
    expect(row.confirm_code_hash).not.toContain(code);
    expect(row.confirm_code_hash).toMatch(/^[\w+/=-]{20,}$/);
    // The outbox holds the code encrypted, like the number beside it.
    const outbox = await db().selectFrom('outbox').select(['payload_enc', 'recipient_enc']).execute();
    for (const r of outbox) expect(`${r.payload_enc}${r.recipient_enc}`).not.toMatch(new RegExp(`${code}|5550101`));

    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const [sms] = smsTo('+16125550101');
    expect(sms.body).toMatch(/^Koodhka digniinaha aagga: \d{6} /);
    expect(codeIn(sms.body)).toBe(code);

    const ok = await postConfirm(t, { channel: 'sms', phone: '+16125550101', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: row.id, manageToken: expect.stringMatching(/^[\w-]{43}$/) });
    const confirmed = (await subscriptionOf('sms:+16125550101'))!;
    expect(confirmed.confirmed_at).not.toBeNull();
    expect(confirmed.confirm_code_hash).toBeNull();
    // A code works once.
    expect((await postConfirm(t, { channel: 'sms', phone: '+16125550101', code })).json().error.code).toBe(
      'confirmation_invalid',
    );
    // The token from the confirmation unsubscribes.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-subscriptions/${ok.json().manageToken}` })).statusCode,
    ).toBe(200);
    expect(await subscriptionOf('sms:+16125550101')).toBeUndefined();
  });

  it('email: the code and a link to the alerts page, in Spanish; a discreet subscriber gets the code alone', async () => {
    expect(
      (await subscribe({ channel: 'email', email: 'Lucia@Example.org', cells: [LAKE_CELL], language: 'es' })).statusCode,
    ).toBe(202);
    expect(
      (await subscribe({ channel: 'email', email: 'quiet@example.org', cells: [LAKE_CELL], language: 'en', discreet: true }))
        .statusCode,
    ).toBe(202);
    expect(await worker.runOnce()).toMatchObject({ sent: 2 });
    const lucia = smtp.mails.find((m) => m.to.includes('lucia@example.org'))!;
    expect(lucia.subject).toBe('Su código para alertas de zona');
    expect(lucia.text).toContain('http://localhost:8080/n/alpha/alerts');
    const quiet = smtp.mails.find((m) => m.to.includes('quiet@example.org'))!;
    expect(quiet.subject).toBe('Your code');
    expect(quiet.text).toMatch(/^Your code: \d{6}$/);
    // The address is matched however it was typed.
    const ok = await postConfirm(t, { channel: 'email', email: 'LUCIA@example.org', code: codeIn(lucia.text) });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("a wrong code is refused in the caller's language and counted; after the last attempt even the right one is refused", async () => {
    expect((await subscribe({ channel: 'sms', phone: '+16125550102', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    const code = await codeFromOutbox(t, '+16125550102');
    const wrong = code === '000000' ? '000001' : '000000';
    const first = await postConfirm(t, { channel: 'sms', phone: '+16125550102', code: wrong }, { lang: 'es' });
    expect(first.statusCode).toBe(400);
    expect(first.json().error).toEqual({
      code: 'confirmation_invalid',
      message: 'Ese código de confirmación es incorrecto o ha vencido.',
    });
    expect((await subscriptionOf('sms:+16125550102'))!.confirm_attempts).toBe(1);
    for (let i = 1; i < MAX_ATTEMPTS; i++)
      expect((await postConfirm(t, { channel: 'sms', phone: '+16125550102', code: wrong })).statusCode).toBe(400);
    const right = await postConfirm(t, { channel: 'sms', phone: '+16125550102', code });
    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('confirmation_invalid');
    expect((await subscriptionOf('sms:+16125550102'))!.confirmed_at).toBeNull();
    // A number nobody subscribed gets the very same answer.
    const stranger = await postConfirm(t, { channel: 'sms', phone: '+16125550177', code });
    expect(stranger.json().error.code).toBe('confirmation_invalid');
    // Subscribing again sends a fresh code with fresh attempts.
    expect((await subscribe({ channel: 'sms', phone: '+16125550102', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    expect(
      (await postConfirm(t, { channel: 'sms', phone: '+16125550102', code: await codeFromOutbox(t, '+16125550102') })).statusCode,
    ).toBe(200);
  });

  it('a code expires after 30 minutes', async () => {
    expect((await subscribe({ channel: 'sms', phone: '+16125550103', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    const code = await codeFromOutbox(t, '+16125550103');
    t.clock.advance(30 * 60_000 + 1);
    expect((await postConfirm(t, { channel: 'sms', phone: '+16125550103', code })).json().error.code).toBe(
      'confirmation_invalid',
    );
    // And a message still queued with it is not sent any more.
    const before = smsTo('+16125550103').length;
    await worker.runOnce();
    expect(smsTo('+16125550103').length).toBe(before);
  });

  it('an unconfirmed subscription gets no alert; a confirmed one does', async () => {
    await worker.runOnce();
    expect((await subscribe({ channel: 'sms', phone: '+16125550104', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    expect((await subscribe({ channel: 'sms', phone: '+16125550105', cells: [LAKE_CELL], language: 'hmn' })).statusCode).toBe(
      202,
    );
    await worker.runOnce();
    expect(
      (await postConfirm(t, { channel: 'sms', phone: '+16125550105', code: codeIn(smsTo('+16125550105')[0].body) })).statusCode,
    ).toBe(200);

    await verifiedIncidentAtLake();
    const rows = await db()
      .selectFrom('outbox')
      .select(['payload_enc', 'recipient_enc'])
      .where('status', '=', 'pending')
      .execute();
    const recipients = rows
      .filter((r) => JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)).kind === 'verified')
      .map((r) => t.deps.keyring.decrypt('contact', r.recipient_enc));
    expect(recipients).toContain('+16125550105');
    expect(recipients).not.toContain('+16125550104');
    await worker.runOnce();
    expect(smsTo('+16125550104')).toHaveLength(1); // the code only
    expect(smsTo('+16125550105').at(-1)!.body).toMatch(/^Ceeb toom tau lees paub: /);
  });

  it(`throttles codes to one number: ${SENDS_PER_HOUR} an hour, ${SENDS_PER_DAY} a day, across re-subscribes; a refused send writes nothing`, async () => {
    const phone = '+16125550106';
    for (let i = 0; i < SENDS_PER_HOUR; i++)
      expect((await subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    const count = async () => ({
      outbox: (await db().selectFrom('outbox').select(['payload_enc', 'recipient_enc']).execute()).filter(
        (r) => t.deps.keyring.decrypt('contact', r.recipient_enc) === phone,
      ).length,
      sends: (
        await db()
          .selectFrom('alert_confirmation_sends')
          .select('id')
          .where('endpoint_hash', '=', t.deps.keyring.lookupHash(`sms:${phone}`))
          .execute()
      ).length,
    });
    const before = await count();
    expect(before).toEqual({ outbox: SENDS_PER_HOUR, sends: SENDS_PER_HOUR });
    const refused = await subscribe({ channel: 'sms', phone, cells: [NORTH_CELL], language: 'es' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_codes');
    expect(await count()).toEqual(before);
    // The settings asked for by the refused request were not taken either.
    expect((await subscriptionOf(`sms:${phone}`))!.language).toBe('en');
    // Another number is not affected.
    expect((await subscribe({ channel: 'sms', phone: '+16125550107', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);

    t.clock.advance(3600_000 + 1);
    for (let i = SENDS_PER_HOUR; i < SENDS_PER_DAY; i++)
      expect((await subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    t.clock.advance(3600_000 + 1);
    expect((await subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(429);
    t.clock.advance(23 * 3600_000);
    expect((await subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
  });

  it('a burst of concurrent subscribes for one number still sends no more codes than the throttle allows', async () => {
    const phone = '+16125550113';
    const results = await Promise.all(
      Array.from({ length: 10 }, () => subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      ...Array(SENDS_PER_HOUR).fill(202),
      ...Array(10 - SENDS_PER_HOUR).fill(429),
    ]);
    const sends = await db()
      .selectFrom('alert_confirmation_sends')
      .select('id')
      .where('endpoint_hash', '=', t.deps.keyring.lookupHash(`sms:${phone}`))
      .execute();
    expect(sends).toHaveLength(SENDS_PER_HOUR);
    expect(
      await db()
        .selectFrom('alert_subscriptions')
        .select('id')
        .where('endpoint_hash', '=', t.deps.keyring.lookupHash(`sms:${phone}`))
        .execute(),
    ).toHaveLength(1);
  });

  it('re-subscribing a confirmed number changes nothing until the new code is confirmed', async () => {
    const phone = '+16125550108';
    expect((await subscribe({ channel: 'sms', phone, cells: [LAKE_CELL], language: 'en', discreet: true })).statusCode).toBe(202);
    const first = await postConfirm(t, { channel: 'sms', phone, code: await codeFromOutbox(t, phone) });
    const { manageToken } = first.json();

    // Someone else asks to change it: not discreet any more, another area, another language.
    const change = { channel: 'sms', phone, cells: [NORTH_CELL], language: 'es', discreet: false };
    expect((await subscribe(change)).statusCode).toBe(202);
    const row = (await subscriptionOf(`sms:${phone}`))!;
    expect({ language: row.language, discreet: row.discreet }).toEqual({ language: 'en', discreet: 1 });
    const cells = async () =>
      (await db().selectFrom('alert_subscription_cells').select('cell').where('subscription_id', '=', row.id).execute()).map(
        (c) => c.cell,
      );
    expect(await cells()).toEqual([LAKE_CELL]);
    // The code for the change stays discreet on their phone: the change may not be theirs.
    await worker.runOnce();
    expect(smsTo(phone).at(-1)!.body).toMatch(/^Su código: \d{6}$/);
    // Still subscribed as before meanwhile: the alert comes, discreet.
    await verifiedIncidentAtLake();
    await worker.runOnce();
    expect(smsTo(phone).at(-1)!.body).toBe('Community update — open the app');

    // (That code has expired by now; the owner asks again and confirms.)
    expect((await subscribe(change)).statusCode).toBe(202);
    const code = await codeFromOutbox(t, phone);
    const ok = await postConfirm(t, { channel: 'sms', phone, code });
    expect(ok.statusCode).toBe(200);
    const after = (await subscriptionOf(`sms:${phone}`))!;
    expect({ language: after.language, discreet: after.discreet }).toEqual({ language: 'es', discreet: 0 });
    expect(await cells()).toEqual([NORTH_CELL]);
    // The confirmation hands out a new token; the old one is gone.
    expect(ok.json().manageToken).not.toBe(manageToken);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alert-subscriptions/${manageToken}` })).statusCode).toBe(404);
  });

  it('by SMS reply: YES or the code confirms from the number itself, STOP ends it; other numbers and texts are reports', async () => {
    expect((await subscribe({ channel: 'sms', phone: '+16125550109', cells: [LAKE_CELL], language: 'es' })).statusCode).toBe(202);
    const wrong = await inboundSms('+16125550109', '000000' === (await codeFromOutbox(t, '+16125550109')) ? '000001' : '000000');
    expect(wrong.body).toContain('Ese código de confirmación es incorrecto o ha vencido.');
    const yes = await inboundSms('+16125550109', ' yes ');
    expect(yes.statusCode).toBe(200);
    expect(yes.body).toContain('<Message>Confirmado: recibirá alertas de sus zonas. Responda STOP para terminarlas.</Message>');
    expect((await subscriptionOf('sms:+16125550109'))!.confirmed_at).not.toBeNull();
    // Twilio retrying the same reply does not turn it into a report.
    expect((await inboundSms('+16125550109', 'YES')).body).toContain('Confirmado');

    expect((await subscribe({ channel: 'sms', phone: '+16125550110', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    const byCode = await inboundSms('+16125550110', await codeFromOutbox(t, '+16125550110'));
    expect(byCode.body).toContain('Confirmed: you will get alerts for your areas.');

    const stop = await inboundSms('+16125550109', 'STOP');
    expect(stop.body).toContain('Ya no recibirá alertas.');
    expect(await subscriptionOf('sms:+16125550109')).toBeUndefined();

    const reportsBefore = (await db().selectFrom('reports').select('id').execute()).length;
    await inboundSms('+16125550188', 'YES');
    expect((await db().selectFrom('reports').select('id').execute()).length).toBe(reportsBefore + 1);
  });

  it('retention: unconfirmed subscriptions go once their code expires, stale changes are dropped, old send counts go after a day', async () => {
    await purgeUnconfirmedSubscriptions(t.deps); // what earlier tests left
    expect((await subscribe({ channel: 'sms', phone: '+16125550111', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    expect((await subscribe({ channel: 'sms', phone: '+16125550112', cells: [LAKE_CELL], language: 'en' })).statusCode).toBe(202);
    expect(
      (await postConfirm(t, { channel: 'sms', phone: '+16125550112', code: await codeFromOutbox(t, '+16125550112') })).statusCode,
    ).toBe(200);
    expect((await subscribe({ channel: 'sms', phone: '+16125550112', cells: [NORTH_CELL], language: 'so' })).statusCode).toBe(
      202,
    );

    expect((await purgeUnconfirmedSubscriptions(t.deps)).subscriptions).toBe(0);
    expect(await subscriptionOf('sms:+16125550111')).toBeDefined();
    t.clock.advance(31 * 60_000);
    expect(await purgeUnconfirmedSubscriptions(t.deps)).toMatchObject({ subscriptions: 1, changes: 1 });
    expect(await subscriptionOf('sms:+16125550111')).toBeUndefined();
    const kept = (await subscriptionOf('sms:+16125550112'))!;
    expect(kept.confirmed_at).not.toBeNull();
    expect({ pending_change: kept.pending_change, confirm_code_hash: kept.confirm_code_hash, language: kept.language }).toEqual({
      pending_change: null,
      confirm_code_hash: null,
      language: 'en',
    });
    expect(
      await db().selectFrom('alert_subscription_cells').select('cell').where('subscription_id', '=', kept.id).execute(),
    ).toEqual([{ cell: LAKE_CELL }]);
    expect(await db().selectFrom('alert_subscriptions').select('id').where('confirmed_at', 'is', null).execute()).toEqual([]);

    t.clock.advance(24 * 3600_000);
    expect((await purgeUnconfirmedSubscriptions(t.deps)).sends).toBeGreaterThan(0);
    expect(await db().selectFrom('alert_confirmation_sends').select('id').execute()).toEqual([]);
  });
});
