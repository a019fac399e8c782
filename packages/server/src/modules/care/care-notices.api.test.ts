import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { outboxHandlers } from '../../modules.ts';
import type { OutboundMessage } from '../../platform/outbox-handler.ts';
import { createOutboxWorker } from '../notify/index.ts';
import { renderCareNotice, type CareNotice } from './care-notices.ts';
import { requestBody } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';

/** The requester is told of each step through the outbox, in their language; discreet mode says nothing but the code. */
describe.each(DIALECTS)('care requester notices on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coord: string;
  let driver: string;
  const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    coord = await signIn(t.app, f.accounts.org_coordinator.email);
    driver = await signIn(t.app, f.accounts.driver.email);
  });
  afterAll(() => t.close());

  /** A public request: its id and receipt code. */
  async function filePublic(address: string, extra: object) {
    const res = await call(undefined, 'POST', `${BASE}/public-requests`, requestBody(address, extra));
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().receiptCode as string;
    const row = await t.deps.database.db
      .selectFrom('care_requests')
      .select('id')
      .where('receipt_code', '=', code)
      .executeTakeFirstOrThrow();
    return { id: row.id, code };
  }
  /** The notices queued for one request, decrypted, oldest first. */
  async function noticesOf(requestId: string) {
    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['channel', 'recipient_enc', 'payload_enc', 'dedupe_key', 'payload'])
      .where('dedupe_key', 'like', `care:${requestId}:%`)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      expect(r.payload).toBeNull();
      return {
        channel: r.channel,
        to: t.deps.keyring.decrypt('contact', r.recipient_enc),
        payload: JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)) as CareNotice,
      };
    });
  }
  const step = async (res: Promise<{ statusCode: number; body: string }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
  };

  it('tells an SMS-only requester, in Somali, of accepted, claimed, on the way and delivered, never the address', async () => {
    const req = await filePublic('1234 Test Street, unit 5', { language: 'so' });
    await step(call(coord, 'POST', `${BASE}/requests/${req.id}/triage`, { decision: 'accept' }));
    const taskId = (await call(coord, 'GET', `${BASE}/requests`)).json().requests.find((r: { id: string }) => r.id === req.id)
      .taskId as string;
    await step(call(coord, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA }));
    await step(call(coord, 'POST', `${BASE}/tasks/${taskId}/assign`, { driverAccountId: f.accounts.driver.id }));
    await step(call(driver, 'POST', `${BASE}/tasks/${taskId}/progress`, { status: 'picked_up' }));
    await step(call(driver, 'POST', `${BASE}/tasks/${taskId}/progress`, { status: 'delivered' }));

    const notices = await noticesOf(req.id);
    expect(notices.map((n) => n.payload.kind)).toEqual(['accepted', 'claimed', 'assigned', 'delivered']);
    for (const n of notices) {
      expect(n).toMatchObject({ channel: 'sms', to: '+16125550199' });
      expect(n.payload).toMatchObject({
        type: 'care',
        language: 'so',
        discreet: false,
        reference: req.code,
        careKind: 'groceries',
      });
      expect(JSON.stringify(n.payload)).not.toMatch(/Test Street|unit 5/);
    }
    expect(notices[1]!.payload.organization).toBe('Org A');
    const claimed = renderCareNotice(notices[1]!.payload, notices[1]!.to);
    expect(claimed.text).toBe(`Org A ayaa qaatay codsigaaga ${req.code} (raashin).`);
    expect(renderCareNotice(notices[3]!.payload, '+16125550199').text).toContain('Mahadsanid');
  });

  it('in discreet mode says only "update on your request" in Arabic, by email, with no kind, organization or reason', async () => {
    const req = await filePublic('77 Quiet Court', {
      language: 'ar',
      discreet: true,
      contact: 'family@example.org',
      kind: 'baby_supplies',
    });
    await step(
      call(coord, 'POST', `${BASE}/requests/${req.id}/triage`, { decision: 'decline', reason: 'Outside our delivery area' }),
    );
    const [notice, ...more] = await noticesOf(req.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ channel: 'email', to: 'family@example.org' });
    expect(notice!.payload).toEqual({ type: 'care', kind: 'declined', language: 'ar', discreet: true, reference: req.code });
    const message = renderCareNotice(notice!.payload, notice!.to);
    expect(message.subject).toBe(`تحديث بشأن طلبك ${req.code}`);
    expect(message.text).toBe(`تحديث بشأن طلبك ${req.code}.`);
    expect(message.text).not.toMatch(/Outside|Org A|الأطفال/);
  });

  it('tells a declined or failed requester the reason in normal mode, in their language', async () => {
    const declined = await filePublic('5 Far Away Road', { language: 'es' });
    await step(
      call(coord, 'POST', `${BASE}/requests/${declined.id}/triage`, { decision: 'decline', reason: 'Fuera de la zona' }),
    );
    const [d] = await noticesOf(declined.id);
    expect(d!.payload).toMatchObject({ kind: 'declined', reason: 'Fuera de la zona', discreet: false });
    expect(renderCareNotice(d!.payload, d!.to).text).toBe(
      `No pudimos aceptar su solicitud ${declined.code} (comestibles): Fuera de la zona`,
    );

    const failed = await filePublic('6 Missed Street', { language: 'hmn', contact: '(612) 555-0123' });
    await step(call(coord, 'POST', `${BASE}/requests/${failed.id}/triage`, { decision: 'accept' }));
    const taskId = (await call(coord, 'GET', `${BASE}/requests`)).json().requests.find((r: { id: string }) => r.id === failed.id)
      .taskId as string;
    await step(call(coord, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA }));
    await step(call(coord, 'POST', `${BASE}/tasks/${taskId}/assign`, { driverAccountId: f.accounts.driver.id }));
    await step(call(driver, 'POST', `${BASE}/tasks/${taskId}/progress`, { status: 'failed', reason: 'Nobody answered' }));
    const notices = await noticesOf(failed.id);
    expect(notices.map((n) => n.payload.kind)).toEqual(['accepted', 'claimed', 'assigned', 'failed']);
    expect(notices[3]).toMatchObject({ to: '+16125550123', payload: { reason: 'Nobody answered', language: 'hmn' } });
    expect(renderCareNotice(notices[3]!.payload, notices[3]!.to).text).toContain('Xa tsis tau');
  });

  it('queues nothing for a contact that is neither a phone number nor an email address', async () => {
    const req = await filePublic('8 Corner Store', { contact: 'ask for Maria at the corner store' });
    await step(call(coord, 'POST', `${BASE}/requests/${req.id}/triage`, { decision: 'accept' }));
    expect(await noticesOf(req.id)).toEqual([]);
  });

  it('are sent by the outbox worker through the care handler: the texts reach the phone and the mailbox, no address', async () => {
    const sent: { channel: string; message: OutboundMessage }[] = [];
    const capture = (channel: string) => ({ send: async (message: OutboundMessage) => void sent.push({ channel, message }) });
    const worker = createOutboxWorker(t.deps, {
      channels: { sms: capture('sms'), email: capture('email'), push: capture('push') },
      handlers: outboxHandlers(t.deps),
    });
    const result = await worker.runOnce();
    expect(result.dead).toBe(0);
    expect(result.sent).toBe(10);
    const somali = sent.find((s) => s.message.text.includes('ayaa qaatay codsigaaga'));
    expect(somali).toMatchObject({ channel: 'sms', message: { to: '+16125550199' } });
    const arabic = sent.find((s) => s.channel === 'email' && s.message.to === 'family@example.org');
    expect(arabic?.message.subject).toMatch(/^تحديث بشأن طلبك /);
    expect(JSON.stringify(sent)).not.toMatch(/Test Street|Quiet Court|Far Away|Missed Street|Corner Store/);
  });
});
