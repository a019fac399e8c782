import { latLngToCell } from 'h3-js';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushServiceDouble, type PushServiceDouble } from '../../../test/doubles/web-push.double.ts';
import { startSmtpDouble, type SmtpDouble } from '../../../test/doubles/smtp.double.ts';
import { startTwilioDouble, type TwilioDouble } from '../../../test/doubles/twilio.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import type { OutboxWorker } from '../notify/index.ts';
import { codeIn, postConfirm } from './alerts.test-kit.ts';
import { createAlertOutboxWorker } from './index.ts';

const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const LAKE_CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);
const ELSEWHERE_CELL = latLngToCell(45.1, -93.0, 7);

describe.each(DIALECTS)('alert delivery through the outbox on %s', (dialect) => {
  let t: TestApp;
  let dispatcher: string;
  let twilio: TwilioDouble;
  let smtp: SmtpDouble;
  let push: PushServiceDouble;
  let worker: OutboxWorker;
  const pushIds: Record<string, string> = {};
  const db = () => t.deps.database.db;
  const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: dispatcher }, ...(payload ? { payload } : {}) });
  /**
   * Subscribe; SMS and email confirm with the code the real channel delivered (Twilio
   * double, SMTP server), as a person would. The code messages are then forgotten so
   * the tests below count alerts only.
   */
  const subscribe = async (body: { channel: string; phone?: string; email?: string; [k: string]: unknown }) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/alert-subscriptions', payload: body });
    if (body.channel === 'push') {
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    }
    expect(res.statusCode, res.body).toBe(202);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const text =
      body.channel === 'sms'
        ? twilio.messages.filter((m) => m.to === body.phone).at(-1)!.body
        : smtp.mails.filter((m) => m.to.includes(body.email!)).at(-1)!.text;
    const confirmed = await postConfirm(t, {
      channel: body.channel,
      ...(body.phone ? { phone: body.phone } : { email: body.email }),
      code: codeIn(text),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    twilio.messages.length = 0;
    smtp.mails.length = 0;
    return confirmed.json().id as string;
  };
  /** Alert rows in the outbox (confirmation codes left out), of one kind or all. */
  const outboxOf = async (alertKind?: string) => {
    const rows = await db().selectFrom('outbox').selectAll().orderBy('id').execute();
    return rows.filter(
      (r) =>
        JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)).kind !== 'confirm' &&
        (!alertKind || JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)).kind === alertKind),
    );
  };
  const setStatus = async (incident: { id: string }, status: string, extra: object = {}) => {
    const current = (await as('GET', `/api/v1/networks/alpha/incidents/${incident.id}`)).json().incident;
    const res = await as('POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status,
      version: current.version,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** A fresh incident at Lake St from two neighbours (30+ minutes after the last, so it does not cluster with it). */
  const newIncident = async (category = 'home_raid', reports = 2) => {
    t.clock.advance(31 * 60_000);
    for (const point of [LAKE, NEAR].slice(0, reports)) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: { category, point } });
      expect(r.statusCode).toBe(201);
    }
    const queue = (await as('GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    return queue.find(
      (i: { category: string; status: string; reportCount: number }) =>
        i.category === category && i.status === 'new' && i.reportCount === reports,
    );
  };
  const verify = (incident: { id: string }) => setStatus(incident, 'verified', { reason: 'corroborated' });

  beforeAll(async () => {
    [twilio, smtp, push] = await Promise.all([startTwilioDouble(), startSmtpDouble(), startPushServiceDouble()]);
    // The push double listens on 127.0.0.1 over http: only the test setting lets a subscription point there.
    t = await createTestApp(dialect, { env: { PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1', NODE_ENV: 'test' } });
    const f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    const vapid = webpush.generateVAPIDKeys();
    t.deps.config = {
      ...t.deps.config,
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+16125550100', apiBase: twilio.apiBase },
      smtp: { url: smtp.url, from: 'Alerts <alerts@example.org>' },
      vapid: { ...vapid, subject: 'mailto:alerts@example.org' },
    };
    // Channels from config, as main.ts builds them; pinned jitter so delays are exact.
    worker = createAlertOutboxWorker(t.deps, { random: () => 0.5, baseDelayMs: 60_000, leaseMs: 120_000 });
    await subscribe({ channel: 'sms', phone: '+16125550101', cells: [LAKE_CELL], language: 'so' });
    await subscribe({
      channel: 'sms',
      phone: '+16125550102',
      cells: [LAKE_CELL, ELSEWHERE_CELL],
      language: 'es',
      discreet: true,
    });
    await subscribe({ channel: 'email', email: 'ana@example.org', cells: [LAKE_CELL], language: 'en' });
    for (const [name, language, discreet] of [
      ['so', 'so', false],
      ['ar-discreet', 'ar', true],
    ] as const) {
      const { id, subscription } = push.subscribe();
      pushIds[name] = id;
      await subscribe({ channel: 'push', push: subscription, cells: [LAKE_CELL], language, discreet });
    }
    await subscribe({ channel: 'sms', phone: '+16125550199', cells: [ELSEWHERE_CELL], language: 'en' });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([twilio.close(), smtp.close(), push.close()]);
  });

  it('unverified incidents and false alarms queue nothing', async () => {
    const incident = await newIncident('checkpoint', 1);
    await setStatus(incident, 'verifying');
    await setStatus(incident, 'false_alarm');
    expect(await outboxOf()).toHaveLength(0);
    expect(await db().selectFrom('alerts').selectAll().execute()).toHaveLength(0);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
  });

  it('a verified incident reaches every subscriber of its area on every channel, in their language', async () => {
    const incident = await newIncident('home_raid');
    await verify(incident);
    expect(await outboxOf('verified')).toHaveLength(5);
    expect(await worker.runOnce()).toEqual({ claimed: 5, sent: 5, retried: 0, dead: 0 });

    const sms = Object.fromEntries(twilio.messages.map((m) => [m.to, m]));
    expect(Object.keys(sms).sort()).toEqual(['+16125550101', '+16125550102']);
    expect(sms['+16125550101'].from).toBe('+16125550100');
    expect(sms['+16125550101'].body).toContain('Digniin la xaqiijiyay: Weerar guri');
    expect(sms['+16125550101'].body).toContain('ogow xuquuqdaada: http://localhost:8080/r/alpha/rights?lang=so');
    expect(sms['+16125550101'].body).toMatch(/agagaarka 44\.\d\d, -93\.\d\d/);
    // Discreet: generic text, no category, place or link.
    expect(sms['+16125550102'].body).toBe('Aviso comunitario — abra la aplicación');

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(['ana@example.org']);
    expect(smtp.mails[0].subject).toBe('Verified alert: Home raid');
    expect(smtp.mails[0].text).toContain('know your rights: http://localhost:8080/r/alpha/rights?lang=en');

    expect(push.refused).toEqual([]);
    const pushes = Object.fromEntries(push.received.map((p) => [p.subscriptionId, JSON.parse(p.payload)]));
    expect(pushes[pushIds.so]).toMatchObject({
      title: 'Digniin la xaqiijiyay',
      url: 'http://localhost:8080/r/alpha/rights?lang=so',
    });
    expect(pushes[pushIds.so].body).toContain('Weerar guri');
    expect(pushes[pushIds['ar-discreet']]).toEqual({
      title: 'تحديث مجتمعي',
      body: 'تحديث مجتمعي — افتح التطبيق',
      url: 'http://localhost:8080/',
    });
    // The VAPID token is real, for this push service's origin, and reused across messages to it.
    expect(push.received[0].vapid.aud).toBe(push.origin);
    expect(push.received[0].vapid.k).toBe(t.deps.config.vapid!.publicKey);
    expect(push.received[0].headers.authorization).toBe(push.received[1].headers.authorization);

    const rows = await outboxOf('verified');
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.claimed_until === null)).toBe(true);
    // Nothing is sent twice.
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(twilio.messages).toHaveLength(2);

    // Resolving a verified incident sends the all clear.
    await setStatus(incident, 'resolved');
    expect(await worker.runOnce()).toMatchObject({ sent: 5 });
    expect(twilio.messages.find((m) => m.to === '+16125550101' && m.body.startsWith('Khatartu way dhammaatay'))).toBeTruthy();
    expect(smtp.mails[1].subject).toBe('All clear: Home raid');
  });

  it('retries 500s and 429s with exponential backoff, and gives up on a permanent 4xx', async () => {
    const before = twilio.messages.length;
    twilio.failNext(2, 500);
    await verify(await newIncident('workplace_raid'));
    const first = await worker.runOnce();
    expect(first).toEqual({ claimed: 5, sent: 3, retried: 2, dead: 0 });
    const now = t.clock.now().getTime();
    const pending = (await outboxOf()).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(2);
    // Attempt 1 failed: base 60 s, equal jitter at 0.5 → 45 s.
    for (const r of pending) expect(new Date(r.next_attempt_at).getTime() - now).toBe(45_000);
    expect(pending[0].last_error).toBe('twilio: HTTP 500 code 20500');
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });

    t.clock.advance(45_000);
    twilio.failNext(2, 429);
    expect(await worker.runOnce()).toEqual({ claimed: 2, sent: 0, retried: 2, dead: 0 });
    const second = (await outboxOf()).filter((r) => r.status === 'pending');
    // Attempt 2 failed: 120 s → 90 s.
    for (const r of second) expect(new Date(r.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(90_000);
    t.clock.advance(90_000);
    twilio.failNext(1, 400);
    expect(await worker.runOnce()).toEqual({ claimed: 2, sent: 1, retried: 0, dead: 1 });
    const dead = (await outboxOf()).filter((r) => r.status === 'dead');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 3, last_error: 'twilio: HTTP 400 code 20500' });
    expect(twilio.messages.length - before).toBe(1);
  });

  it('marks a row dead after the last attempt', async () => {
    const impatient = createAlertOutboxWorker(t.deps, { maxAttempts: 2, baseDelayMs: 1000, random: () => 1 });
    smtp.rejectNext(2, 451);
    await verify(await newIncident('traffic_stop'));
    expect(await impatient.runOnce()).toMatchObject({ retried: 1 });
    t.clock.advance(1000);
    expect(await impatient.runOnce()).toEqual({ claimed: 1, sent: 0, retried: 0, dead: 1 });
    const [row] = (await outboxOf()).filter((r) => r.channel === 'email' && r.status === 'dead');
    expect(row).toMatchObject({ attempts: 2 });
  });

  it('a 410 from the push service removes the subscription', async () => {
    push.setStatus(pushIds['ar-discreet'], 410);
    await verify(await newIncident('staging'));
    const result = await worker.runOnce();
    expect(result).toMatchObject({ claimed: 5, sent: 4, dead: 1 });
    const subs = await db().selectFrom('alert_subscriptions').select('channel').where('channel', '=', 'push').execute();
    expect(subs).toHaveLength(1);
    const cells = await db().selectFrom('alert_subscription_cells').select('subscription_id').execute();
    expect(cells).toHaveLength(6); // 7 before: the removed subscription watched one cell
  });

  it('survives a crash mid-batch: claimed rows are sent once by the next worker after the lease', async () => {
    const sentBefore = twilio.messages.length + smtp.mails.length + push.received.length;
    await verify(await newIncident('courthouse_arrest'));
    const crashed = createAlertOutboxWorker(t.deps);
    expect(await crashed.claim()).toHaveLength(4);
    // The process dies here. A restarted worker finds the rows leased, then free.
    const restarted = createAlertOutboxWorker(t.deps, { leaseMs: 120_000 });
    expect(await restarted.runOnce()).toMatchObject({ claimed: 0 });
    t.clock.advance(2 * 60_000 + 1);
    expect(await restarted.runOnce()).toEqual({ claimed: 4, sent: 4, retried: 0, dead: 0 });
    expect(await restarted.runOnce()).toMatchObject({ claimed: 0 });
    expect(twilio.messages.length + smtp.mails.length + push.received.length - sentBefore).toBe(4);
  });

  it('two workers racing never send a row twice', async () => {
    for (let i = 0; i < 30; i++)
      await subscribe({ channel: 'sms', phone: `+1612555${String(2000 + i)}`, cells: [LAKE_CELL], language: 'en' });
    // A number that never confirmed its code is in the area too.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/networks/alpha/alert-subscriptions',
          payload: { channel: 'sms', phone: '+16125553999', cells: [LAKE_CELL], language: 'en' },
        })
      ).statusCode,
    ).toBe(202);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const before = twilio.messages.length;
    await verify(await newIncident('arrest_in_progress'));
    const rows = (await outboxOf()).filter((r) => r.status === 'pending');
    expect(rows).toHaveLength(34);
    const a = createAlertOutboxWorker(t.deps, { batchSize: 3 });
    const b = createAlertOutboxWorker(t.deps, { batchSize: 3 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.claimed + rb.claimed).toBe(34);
    expect(ra.sent + rb.sent).toBe(34);
    const smsNow = twilio.messages.slice(before);
    expect(smsNow).toHaveLength(32);
    expect(new Set(smsNow.map((m) => m.to)).size).toBe(32);
    // The unconfirmed number got its code earlier, and no alert.
    expect(twilio.messages.filter((m) => m.to === '+16125553999').map((m) => m.body)).toEqual([
      expect.stringMatching(/^Area alerts code: \d{6} /),
    ]);
  });
});
