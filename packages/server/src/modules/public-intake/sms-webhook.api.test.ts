import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { twilioSignature } from './twilio-signature.ts';

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
let sidCounter = 0;
const nextSid = () => `SM${(++sidCounter).toString(16).padStart(32, '0')}`;

describe.each(DIALECTS)('Twilio SMS webhook and blocklist on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;

  /** Post a message as Twilio would, signed unless told otherwise. */
  const sms = (
    params: Record<string, string>,
    { slug = 'alpha', signature }: { slug?: string; signature?: string | null } = {},
  ) => {
    const url = `${TEST_ORIGIN}/hooks/sms/twilio/${slug}`;
    const sig = signature === undefined ? twilioSignature(AUTH_TOKEN, url, params) : signature;
    return t.app.inject({
      method: 'POST',
      url: `/hooks/sms/twilio/${slug}`,
      payload: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sig === null ? {} : { 'x-twilio-signature': sig }) },
    });
  };
  const message = (from: string, body: string, sid = nextSid()) => ({
    MessageSid: sid,
    AccountSid: 'AC0123',
    From: from,
    To: '+16125550000',
    Body: body,
    NumMedia: '0',
  });
  const reportsWithSid = (sid: string) =>
    t.deps.database.db.selectFrom('reports').selectAll().where('sms_message_sid', '=', sid).execute();
  const blocklist = (method: 'POST' | 'DELETE', payload: unknown, cookie?: string) =>
    t.app.inject({
      method,
      url: '/api/v1/networks/alpha/sms-blocklist',
      payload: payload as object,
      headers: cookie ? { cookie } : {},
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+16125550000' },
    });
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
  });
  afterAll(() => t.close());

  it('403: a missing, wrong or replayed-elsewhere signature is refused and nothing is stored', async () => {
    const params = message('+16125550101', 'Two vans at Lake St');
    expect((await sms(params, { signature: null })).statusCode).toBe(403);
    expect((await sms(params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).statusCode).toBe(403);
    // Signed for alpha's URL, posted to beta's.
    const alphaSig = twilioSignature(AUTH_TOKEN, `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, params);
    expect((await sms(params, { slug: 'beta', signature: alphaSig })).statusCode).toBe(403);
    // A tampered body under the original signature.
    const tampered = await t.app.inject({
      method: 'POST',
      url: '/hooks/sms/twilio/alpha',
      payload: new URLSearchParams({ ...params, Body: 'changed' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': alphaSig },
    });
    expect(tampered.statusCode).toBe(403);
    expect(await reportsWithSid(params.MessageSid)).toHaveLength(0);
  });

  it('403 without a configured Twilio token, even with a signature', async () => {
    const plain = await createTestApp(dialect);
    try {
      await seedFixture(plain.deps);
      const params = message('+16125550101', 'hello');
      const res = await plain.app.inject({
        method: 'POST',
        url: '/hooks/sms/twilio/alpha',
        payload: new URLSearchParams(params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature('', `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, params),
        },
      });
      expect(res.statusCode).toBe(403);
    } finally {
      await plain.close();
    }
  });

  it('400: a signed request without a MessageSid stores nothing; 404 for an unknown network', async () => {
    expect((await sms({ From: '+16125550101', Body: 'x' })).statusCode).toBe(400);
    expect((await sms(message('+16125550101', 'x'), { slug: 'nowhere' })).statusCode).toBe(404);
  });

  it('creates an SMS report to structure, contact encrypted, and replies in TwiML with the receipt', async () => {
    const params = message('+16125550102', 'Two ICE vans at Lake and Bloomington');
    const res = await sms(params);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Report received\. Code [0-9A-Z]{4}-[0-9A-Z]{4}\. A trained volunteer is checking it\./,
    );
    expect(res.body).toContain('/r/alpha/rights?lang=en');
    expect(res.body).toContain('Reply ES Español');
    const [row] = await reportsWithSid(params.MessageSid);
    expect(row).toMatchObject({ source: 'sms', category: 'other', description: null, language: 'en' });
    // What the message said is sealed at rest.
    expect(t.deps.keyring.decrypt('report', row.description_enc!)).toBe('Two ICE vans at Lake and Bloomington');
    expect(Boolean(row.needs_structuring)).toBe(true);
    expect(row.contact_enc).not.toContain('5550102');
    expect(t.deps.keyring.decrypt('contact', row.contact_enc!)).toBe('+16125550102');
  });

  it('dedupes by MessageSid: Twilio retrying the same message files one report and repeats the receipt', async () => {
    const params = message('+16125550103', 'Checkpoint on Cedar');
    const [a, b] = await Promise.all([sms(params), sms(params)]);
    const c = await sms(params);
    const codes = [a, b, c].map((r) => /Code ([0-9A-Z-]+)\./.exec(r.body)?.[1]);
    expect(new Set(codes).size).toBe(1);
    expect(await reportsWithSid(params.MessageSid)).toHaveLength(1);
  });

  it('replies in the sender’s language: detected from the text, or chosen by keyword (XML-escaped)', async () => {
    const es = await sms(message('+16125550104', 'Hay dos camionetas de la migra en la esquina <Lake & 5th>'));
    expect(es.body).toContain('<Message>Reporte recibido. Código ');
    expect(es.body).toContain('lang=es');
    expect(es.body).not.toContain('Reply ES');
    const so = await sms(message('+16125550105', 'Waxaa jira gaadiid badan oo booliska ah halkan'));
    expect(so.body).toContain('Warbixinta waa la helay.');
    const ar = await sms(message('+16125550106', 'يوجد عملاء الهجرة عند الزاوية'));
    expect(ar.body).toContain('تم استلام البلاغ.');

    // A bare keyword asks for the report in that language and stores nothing; the choice sticks.
    const choose = message('+16125550107', 'HMN');
    const prompt = await sms(choose);
    expect(prompt.body).toContain('<Message>Switchboard: xa ib tsab ntawv qhia');
    expect(await reportsWithSid(choose.MessageSid)).toHaveLength(0);
    const after = await sms(message('+16125550107', 'Two cars outside the school'));
    expect(after.body).toContain('Tau txais daim ntawv qhia lawm.');
    const prefixed = await sms(message('+16125550108', 'ES two cars outside the school'));
    expect(prefixed.body).toContain('Reporte recibido.');
    const escaped = await sms(message('+16125550109', 'ok'));
    expect(escaped.body).not.toMatch(/<Message>[^<]*<[^/]/);
  });

  it('401/403/400 on the blocklist API: only a dispatcher of the network, with a number', async () => {
    expect((await blocklist('POST', { number: '+16125550199' })).statusCode).toBe(401);
    expect(
      (await blocklist('POST', { number: '+16125550199' }, await signIn(t.app, f.accounts.responder.email))).statusCode,
    ).toBe(403);
    expect((await blocklist('POST', { number: '+16125550199' }, await signIn(t.app, f.accounts.outsider.email))).statusCode).toBe(
      403,
    );
    expect((await blocklist('POST', { number: 'call me maybe' }, dispatcher)).statusCode).toBe(400);
    expect((await blocklist('POST', {}, dispatcher)).statusCode).toBe(400);
    expect((await blocklist('DELETE', { number: '+16125550199' })).statusCode).toBe(401);
  });

  it('a blocked sender gets empty TwiML and files nothing; the number is stored only as a hash; unblocking restores them', async () => {
    const added = await blocklist('POST', { number: '(612) 555-0110' }, dispatcher);
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ blocked: true, changed: true });
    expect((await blocklist('POST', { number: '+1 612 555 0110' }, dispatcher)).json()).toEqual({
      blocked: true,
      changed: false,
    });
    const rows = await t.deps.database.db.selectFrom('sms_blocklist').selectAll().execute();
    expect(rows).toHaveLength(1);
    // The hash is random hex, so it may hold "612" by chance: look for the number's digit runs only.
    expect(rows[0]?.number_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/6125550110|555-?0110|\(612\)/);

    const params = message('+16125550110', 'fake raid everywhere');
    const res = await sms(params);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await reportsWithSid(params.MessageSid)).toHaveLength(0);
    // Blocked in alpha only.
    const beta = message('+16125550110', 'real report in beta');
    expect((await sms(beta, { slug: 'beta' })).body).toContain('Report received.');

    expect((await blocklist('DELETE', { number: '612-555-0110' }, dispatcher)).json()).toEqual({ blocked: false, changed: true });
    const again = message('+16125550110', 'now a real report');
    expect((await sms(again)).body).toContain('Report received.');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'like', 'sms_blocklist.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sms_blocklist.add', 'sms_blocklist.remove']);
    expect(JSON.stringify(audit)).not.toContain('5550110');
  });

  it('limits each sender per minute (keyed hash), answering the excess with silence', async () => {
    const limited = await createTestApp(dialect, {
      env: { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, REPORT_LIMIT_PER_MINUTE: '2' },
    });
    try {
      await seedFixture(limited.deps);
      const send = (from: string) => {
        const params = message(from, 'Two vans at Lake St');
        return limited.app.inject({
          method: 'POST',
          url: '/hooks/sms/twilio/alpha',
          payload: new URLSearchParams(params).toString(),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, params),
          },
        });
      };
      const bodies = [];
      for (let i = 0; i < 3; i++) bodies.push((await send('+16125550120')).body);
      expect(bodies.map((b) => b.includes('Report received.'))).toEqual([true, true, false]);
      expect((await send('+16125550121')).body).toContain('Report received.');
      limited.clock.advance(61_000);
      expect((await send('+16125550120')).body).toContain('Report received.');
    } finally {
      await limited.close();
    }
  });
});
