import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpDouble, type SmtpDouble } from '../../../test/doubles/smtp.double.ts';
import { startTwilioDouble, type TwilioDouble } from '../../../test/doubles/twilio.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import type { OutboxWorker } from '../notify/index.ts';
import { codeIn, postConfirm } from './alerts.test-kit.ts';
import { createAlertOutboxWorker } from './index.ts';

const demoFile = (name: string) => readFileSync(new URL(`../../demo/gazetteer/${name}`, import.meta.url), 'utf8');

// Subscribers pick neighbourhoods by name, and alerts say where in words, never a cell code.
describe.each(DIALECTS)('alerts by named area on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let dispatcher: string;
  let twilio: TwilioDouble;
  let smtp: SmtpDouble;
  let worker: OutboxWorker;
  let areaIds: Map<string, string>;
  const as = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const subscribe = (body: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/alert-subscriptions', payload: body });

  /** Subscribe by name and confirm with the code the channel delivered, as a person would. */
  const subscribeByName = async (body: {
    channel: 'sms' | 'email';
    phone?: string;
    email?: string;
    areas: string[];
    language: string;
  }) => {
    const res = await subscribe({ ...body, areas: body.areas.map((n) => areaIds.get(n)) });
    expect(res.statusCode, res.body).toBe(202);
    await worker.runOnce();
    const text =
      body.channel === 'sms'
        ? twilio.messages.filter((m) => m.to === body.phone).at(-1)!.body
        : smtp.mails.filter((m) => m.to.includes(body.email!)).at(-1)!.text;
    const ok = await postConfirm(t, { channel: body.channel, phone: body.phone, email: body.email, code: codeIn(text) });
    expect(ok.statusCode, ok.body).toBe(200);
  };

  beforeAll(async () => {
    [twilio, smtp] = await Promise.all([startTwilioDouble(), startSmtpDouble()]);
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    [admin, dispatcher] = await Promise.all([signIn(t.app, f.accounts.admin.email), signIn(t.app, f.accounts.dispatcher.email)]);
    t.deps.config = {
      ...t.deps.config,
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+16125550100', apiBase: twilio.apiBase },
      smtp: { url: smtp.url, from: 'Alerts <alerts@example.org>' },
    };
    worker = createAlertOutboxWorker(t.deps, { random: () => 0.5, baseDelayMs: 60_000, leaseMs: 120_000 });
    for (const [file, kind] of [
      ['minneapolis-neighborhoods.geojson', 'landmark'],
      ['minneapolis-corners.geojson', 'intersection'],
    ] as const) {
      const res = await as(admin, 'POST', '/api/v1/networks/alpha/places/import', { geojson: demoFile(file), kind });
      expect(res.statusCode, res.body).toBe(200);
    }
    await as(admin, 'PATCH', '/api/v1/networks/alpha/settings', { rapidResponse: { publicAlertMap: true } });
    const areas = (await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/areas' })).json().areas as {
      id: string;
      name: string;
    }[];
    areaIds = new Map(areas.map((a) => [a.name, a.id]));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([twilio.close(), smtp.close()]);
  });

  it('refuses an area that is not the network’s, naming the field, and a subscription with no area at all', async () => {
    const unknown = await subscribe({
      channel: 'email',
      email: 'x@example.org',
      areas: ['00000000-0000-4000-8000-000000000000'],
      language: 'en',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('/areas/0');
    const none = await subscribe({ channel: 'email', email: 'x@example.org', language: 'en' });
    expect(none.statusCode).toBe(400);
  });

  it('a typed-corner report, verified, reaches the neighbourhood’s SMS and email subscribers saying where in words', async () => {
    await subscribeByName({ channel: 'sms', phone: '+16125550131', areas: ['Phillips West'], language: 'so' });
    await subscribeByName({ channel: 'email', email: 'hodan@example.org', areas: ['Phillips West'], language: 'en' });
    await subscribeByName({ channel: 'sms', phone: '+16125550132', areas: ['Camden Industrial'], language: 'en' });
    twilio.messages.length = 0;
    smtp.mails.length = 0;

    for (const where of ['Waddada Lake iyo Chicago', 'Lake St and Chicago Ave']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/r/alpha',
        payload: new URLSearchParams({ lang: 'so', category: 'checkpoint', where }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r.statusCode).toBe(200);
    }
    const incident = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents[0];
    expect(incident).toMatchObject({ reportCount: 2, placeName: 'Lake St & Chicago Ave', areaName: 'Phillips West' });
    const verified = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: incident.version,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(await worker.runOnce()).toMatchObject({ sent: 2 });

    expect(twilio.messages.map((m) => m.to)).toEqual(['+16125550131']);
    expect(twilio.messages[0].body).toContain('Phillips West, agagaarka Lake St & Chicago Ave');
    expect(twilio.messages[0].body).not.toMatch(/44\.\d\d/);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].text).toContain('Phillips West, near Lake St & Chicago Ave');

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/alerts' })).json().alerts;
    expect(list[0]).toMatchObject({ areaName: 'Phillips West', placeName: 'Lake St & Chicago Ave' });
  });
});
