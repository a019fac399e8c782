import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpDouble, type SmtpDouble } from '../../../test/doubles/smtp.double.ts';
import { startTwilioDouble, type TwilioDouble } from '../../../test/doubles/twilio.double.ts';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import type { OutboxWorker } from '../notify/index.ts';
import { subscribeAndConfirm } from './alerts.test-kit.ts';
import { ALERTS_POLICY, createAlertOutboxWorker } from './index.ts';

const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const LAKE_CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);

describe.each(DIALECTS)('alert updates to an alerted incident on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  let twilio: TwilioDouble;
  let smtp: SmtpDouble;
  let worker: OutboxWorker;
  const db = () => t.deps.database.db;
  const as = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const updateUrl = (incidentId: string) => `/api/v1/networks/alpha/incidents/${incidentId}/alert-updates`;
  const sendUpdate = (incidentId: string, preset: string, cookie = dispatcher) =>
    as(cookie, 'POST', updateUrl(incidentId), { preset });
  const setStatus = async (incidentId: string, status: string, extra: object = {}) => {
    const current = (await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${incidentId}`)).json().incident;
    const res = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${incidentId}/status`, {
      status,
      version: current.version,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** A fresh incident at Lake St from two neighbours, 31 minutes after the last one. */
  const newIncident = async (category = 'home_raid') => {
    t.clock.advance(31 * 60_000);
    for (const point of [LAKE, NEAR])
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: { category, point } })).statusCode,
      ).toBe(201);
    const queue = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    return queue.find((i: { category: string; status: string }) => i.category === category && i.status === 'new').id as string;
  };
  const verified = async (category = 'home_raid') => {
    const id = await newIncident(category);
    await setStatus(id, 'verified', { reason: 'corroborated' });
    await worker.runOnce();
    return id;
  };
  const alertRows = () => db().selectFrom('alerts').selectAll().orderBy('created_at').execute();

  beforeAll(async () => {
    [twilio, smtp] = await Promise.all([startTwilioDouble(), startSmtpDouble()]);
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    t.deps.config = {
      ...t.deps.config,
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+16125550100', apiBase: twilio.apiBase },
      smtp: { url: smtp.url, from: 'Alerts <alerts@example.org>' },
    };
    worker = createAlertOutboxWorker(t.deps);
    await subscribeAndConfirm(t, { channel: 'sms', phone: '+16125550101', cells: [LAKE_CELL], language: 'so' });
    await subscribeAndConfirm(t, { channel: 'sms', phone: '+16125550102', cells: [LAKE_CELL], language: 'es', discreet: true });
    await subscribeAndConfirm(t, { channel: 'email', email: 'ana@example.org', cells: [LAKE_CELL], language: 'en' });
    // Waiting for its code: gets no update either.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/networks/alpha/alert-subscriptions',
          payload: { channel: 'sms', phone: '+16125550103', cells: [LAKE_CELL], language: 'en' },
        })
      ).statusCode,
    ).toBe(202);
    await worker.runOnce();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([twilio.close(), smtp.close()]);
  });

  it('401 without a session; 403 for everyone the policy does not name; 400 for a bad preset; 404 for an unknown incident', async () => {
    const incidentId = await verified('checkpoint');
    expect((await sendUpdate(incidentId, 'still_active', '')).statusCode).toBe(401);
    const mismatches: string[] = [];
    for (const persona of PERSONAS) {
      const cookie = await signIn(t.app, f.accounts[persona].email);
      // The body schema runs first, for everyone; authorization is judged on a valid body.
      const res = await as(cookie, 'POST', updateUrl(incidentId), { preset: 'made_up' });
      const valid = await sendUpdate(incidentId, persona === 'dispatcher' ? 'observers_on_scene' : 'still_active', cookie);
      const allowed = expectedAllowed(persona, ALERTS_POLICY['alert.update'], 'none');
      if ((valid.statusCode !== 403) !== allowed) mismatches.push(`${persona}: ${valid.statusCode}`);
      expect(res.statusCode).toBe(400);
    }
    expect(mismatches).toEqual([]);
    for (const body of [{}, { preset: 'all_clear' }, { preset: 'still_active', text: 'free text' }]) {
      const res = await as(dispatcher, 'POST', updateUrl(incidentId), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await sendUpdate('01890000-0000-7000-8000-000000000000', 'still_active')).statusCode).toBe(404);
    // Another network's dispatcher cannot reach alpha's incident through its own slug.
    const other = await as(dispatcher, 'POST', `/api/v1/networks/beta/incidents/${incidentId}/alert-updates`, {
      preset: 'still_active',
    });
    expect([403, 404]).toContain(other.statusCode);
  });

  it('never for an incident that was not alerted: new, verifying, false alarm, or resolved after the all clear', async () => {
    const before = (await alertRows()).length;
    const id = await newIncident('traffic_stop');
    const refused = await sendUpdate(id, 'still_active');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    await setStatus(id, 'verifying');
    expect((await sendUpdate(id, 'still_active')).statusCode).toBe(409);
    await setStatus(id, 'false_alarm');
    expect((await sendUpdate(id, 'agents_left')).statusCode).toBe(409);

    const alerted = await verified('staging');
    await setStatus(alerted, 'resolved');
    expect((await sendUpdate(alerted, 'still_active')).statusCode).toBe(409);
    // Only the verified alert and its all clear were recorded; nothing else is queued.
    expect((await alertRows()).slice(before).map((a) => a.kind)).toEqual(['verified', 'all_clear']);
  });

  it("an update reaches the alert's confirmed subscribers in their language; discreet stays generic; public list and stream show it", async () => {
    const admin = await signIn(t.app, f.accounts.admin.email);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/networks/alpha/settings',
      headers: { cookie: admin },
      payload: { rapidResponse: { publicAlertMap: true } },
    });
    const incidentId = await verified('home_raid');
    const published: unknown[] = [];
    const off = t.deps.events.subscribe(f.networkId, (e) => {
      if (e.type === 'alert.published') published.push(e.data);
    });
    const smsBefore = twilio.messages.length;
    const mailBefore = smtp.mails.length;

    const res = await sendUpdate(incidentId, 'agents_left');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ alertId: expect.any(String), recipients: 3 });
    expect(await worker.runOnce()).toMatchObject({ sent: 3, dead: 0 });

    const sms = Object.fromEntries(twilio.messages.slice(smsBefore).map((m) => [m.to, m.body]));
    expect(Object.keys(sms).sort()).toEqual(['+16125550101', '+16125550102']);
    expect(sms['+16125550101']).toMatch(
      /^Warbixin cusub: sarkaalladu way ka tageen agagaarka 44\.\d\d, -93\.\d\d \(Weerar guri\)\. .*http:\/\/localhost:8080\/r\/alpha\/rights\?lang=so$/,
    );
    expect(sms['+16125550102']).toBe('Aviso comunitario — abra la aplicación');
    const [mail] = smtp.mails.slice(mailBefore);
    expect(mail.subject).toBe('Alert update: Home raid');
    expect(mail.text).toMatch(/^Alert update: agents have left the area around 44\.\d\d, -93\.\d\d \(Home raid\)\./);

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/alerts' })).json().alerts;
    expect(list[0]).toMatchObject({ incidentId, kind: 'update', preset: 'agents_left', category: 'home_raid', area: LAKE_CELL });
    expect(list[1]).toMatchObject({ incidentId, kind: 'verified', preset: null });
    for (let i = 0; i < 50 && published.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(published).toContainEqual({
      alert: expect.objectContaining({ incidentId, kind: 'update', preset: 'agents_left', area: LAKE_CELL }),
    });
    off();

    // On the incident's timeline and in the audit log, with who sent it.
    const detail = (await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${incidentId}`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'alert_update', actorName: expect.any(String) });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_id'])
      .where('action', '=', 'alert.update')
      .execute();
    expect(audit).toContainEqual({ action: 'alert.update', actor_id: f.accounts.dispatcher.id, target_id: incidentId });
  });

  it('the same update twice within ten minutes is refused (a double click), another one goes; all clear still follows', async () => {
    const incidentId = await verified('workplace_raid');
    expect((await sendUpdate(incidentId, 'still_active')).statusCode).toBe(201);
    const again = await sendUpdate(incidentId, 'still_active');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ reason: 'recently_sent' });
    expect((await sendUpdate(incidentId, 'observers_on_scene')).statusCode).toBe(201);
    t.clock.advance(10 * 60_000 + 1);
    expect((await sendUpdate(incidentId, 'still_active')).statusCode).toBe(201);
    await setStatus(incidentId, 'resolved');
    const kinds = (await alertRows()).filter((a) => a.incident_id === incidentId).map((a) => [a.kind, a.preset]);
    expect(kinds).toEqual([
      ['verified', null],
      ['update', 'still_active'],
      ['update', 'observers_on_scene'],
      ['update', 'still_active'],
      ['all_clear', null],
    ]);
    // The unconfirmed number never received any of it.
    await worker.runOnce();
    expect(twilio.messages.filter((m) => m.to === '+16125550103')).toHaveLength(1);
  });
});
