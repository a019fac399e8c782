import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { demoOutboxFor } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { DemoOutbox } from '../../platform/demo-outbox.ts';
import { createAlertOutboxWorker } from '../alerts/index.ts';
import { codeIn, postConfirm } from '../alerts/alerts.test-kit.ts';

const LAKE_CELL = latLngToCell(44.9486, -93.2526, 7);
const SUBSCRIBE = '/api/v1/networks/alpha/alert-subscriptions';
const OUTBOX = '/api/v1/networks/alpha/demo-outbox';

describe.each(DIALECTS)('the demo outbox on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let dispatcher: string;
  const get = (cookie?: string) => t.app.inject({ method: 'GET', url: OUTBOX, headers: cookie ? { cookie } : {} });
  const subscribe = (body: object) => t.app.inject({ method: 'POST', url: SUBSCRIBE, payload: body });

  beforeAll(async () => {
    // As the harness builds it: no SMTP_URL, no Twilio, no sink — a normal server.
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    admin = await signIn(t.app, f.accounts.admin.email);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
  });
  afterAll(() => t.close());

  it('without the sink (any server but demo-start): the route is 404 and email or SMS is not available', async () => {
    expect(t.deps.demoOutbox).toBeUndefined();
    expect((await get(admin)).statusCode).toBe(404);
    expect((await get()).statusCode).toBe(404);
    for (const body of [
      { channel: 'email', email: 'nobody@example.org', cells: [LAKE_CELL], language: 'en' },
      { channel: 'sms', phone: '+16125550188', cells: [LAKE_CELL], language: 'en' },
    ]) {
      const res = await subscribe(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields).toEqual([{ path: '/channel', message: 'channel not available on this server' }]);
    }
    expect(await t.deps.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('with the sink: the confirmation code lands in it and the admin reads it there, audited; others are refused', async () => {
    t.deps.demoOutbox = new DemoOutbox(new Set(['email', 'sms']), () => t.clock.now());
    try {
      expect(
        (await subscribe({ channel: 'email', email: 'Lucia@Example.org', cells: [LAKE_CELL], language: 'es' })).statusCode,
      ).toBe(202);
      // Nothing is "sent" until the outbox worker runs, as on a real server.
      expect((await get(admin)).json()).toEqual({ messages: [] });
      expect(await createAlertOutboxWorker(t.deps).runOnce()).toMatchObject({ sent: 1 });

      const res = await get(admin);
      expect(res.statusCode, res.body).toBe(200);
      const [mail, ...rest] = res.json().messages;
      expect(rest).toEqual([]);
      expect(mail).toMatchObject({
        channel: 'email',
        to: 'lucia@example.org',
        subject: 'Su código para alertas de zona',
        sentAt: t.clock.now().toISOString(),
      });
      expect(mail.text).toContain('http://localhost:8080/n/alpha/alerts');
      // The code read from the page confirms the subscription.
      const ok = await postConfirm(t, { channel: 'email', email: 'lucia@example.org', code: codeIn(mail.text) });
      expect(ok.statusCode, ok.body).toBe(200);

      expect((await get(dispatcher)).statusCode).toBe(403);
      expect((await get()).statusCode).toBe(401);
      const audits = await t.deps.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'demo_outbox.read')
        .execute();
      expect(audits).toHaveLength(2);
    } finally {
      t.deps.demoOutbox = undefined;
    }
  });

  it('keeps only the newest 200 messages, newest first', () => {
    const sink = new DemoOutbox(new Set(['sms']));
    for (let i = 0; i < 205; i++) sink.record('sms', { to: '+16125550100', subject: 'Code', text: `message ${i}` });
    const kept = sink.list();
    expect(kept[0].subject).toBeNull();
    expect(kept).toHaveLength(200);
    expect(kept[0].text).toBe('message 204');
    expect(kept.at(-1)!.text).toBe('message 5');
  });

  it('demo-start makes a sink only when neither SMTP nor Twilio is configured', () => {
    const base = { DATABASE_URL: 'sqlite::memory:' };
    expect([...demoOutboxFor(loadConfig(base))!.channels].sort()).toEqual(['email', 'sms']);
    // The e2e runner sets SMTP_URL: real delivery is under test there, so no sink at all.
    expect(demoOutboxFor(loadConfig({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525' }))).toBeUndefined();
    expect(demoOutboxFor(loadConfig({ ...base, TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'x' }))).toBeUndefined();
  });
});
