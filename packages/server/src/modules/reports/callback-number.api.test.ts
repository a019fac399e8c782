import { ERROR_MESSAGES } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';

// A callback number a dispatcher cannot dial is no use: every door that takes one checks it and keeps E.164.
describe.each(DIALECTS)('callback numbers on %s', (dialect) => {
  let t: TestApp;
  let dispatcher: string;
  const count = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('reports')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedContact = async (receiptCode: string) => {
    const row = await t.deps.database.db
      .selectFrom('reports')
      .select('contact_enc')
      .where('receipt_code', '=', receiptCode)
      .executeTakeFirstOrThrow();
    return t.deps.keyring.decrypt('contact', row.contact_enc!);
  };
  const api = (contact: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      headers,
      payload: { category: 'checkpoint', locationText: 'Lake St & Chicago Ave', contact },
    });
  const postForm = (fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
  });
  afterAll(() => t.close());

  it('400 contact_invalid naming /contact on the JSON API, in the caller’s language, and nothing stored', async () => {
    const before = await count();
    for (const bad of ['call me', '12345', '+1 555 555 5555', 'call 612-555-0100', '+999 1234 5678']) {
      const res = await api(bad, { 'accept-language': 'es' });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'contact_invalid',
        message: ERROR_MESSAGES.es.contact_invalid,
        details: { fields: [{ path: '/contact' }] },
      });
    }
    expect(await count()).toBe(before);
  });

  it('stores a national number of the network’s country and an international one in E.164', async () => {
    const national = await api('(612) 555-0100');
    expect(national.statusCode).toBe(201);
    expect(await storedContact(national.json().receiptCode)).toBe('+16125550100');
    const international = await api('+44 20 7946 0958');
    expect(international.statusCode).toBe(201);
    expect(await storedContact(international.json().receiptCode)).toBe('+442079460958');
  });

  it('a dispatcher’s phone report refuses a bad number the same way and keeps a good one in E.164', async () => {
    const phone = (contact: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/phone-reports',
        headers: { cookie: dispatcher },
        payload: { category: 'staging', locationText: 'Lake St', contact },
      });
    const bad = await phone('555');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('contact_invalid');
    expect(bad.json().error.details.fields[0].path).toBe('/contact');
    const good = await phone('612.555.0199');
    expect(good.statusCode, good.body).toBe(201);
    expect(await storedContact(good.json().receiptCode)).toBe('+16125550199');
  });

  it('the form without script shows the field’s error in words, keeps what was typed, and stores nothing', async () => {
    const before = await count();
    const res = await postForm({
      lang: 'ar',
      category: 'checkpoint',
      where: 'Lake St & Chicago Ave',
      what: 'Two vans',
      contact: 'call me maybe',
    });
    expect(res.statusCode).toBe(400);
    const message = stringsFor('public', 'ar').errors.contactInvalid;
    expect(res.body).toContain(`<span class="err" id="e-contact">${message}</span>`);
    expect(res.body).toMatch(
      /id="f-contact"[^>]*value="call me maybe"[^>]*aria-describedby="h-contact e-contact" aria-invalid="true"/,
    );
    expect(res.body).toContain('value="Lake St &amp; Chicago Ave"');
    expect(res.body).toContain('>Two vans</textarea>');
    expect(res.body).toMatch(/value="checkpoint" checked/);
    expect(await count()).toBe(before);
  });

  it('the form stores a typed national number in E.164', async () => {
    const res = await postForm({ lang: 'en', category: 'checkpoint', where: 'Lake St', contact: '612 555 0142' });
    expect(res.statusCode).toBe(200);
    const code = /id="receipt-code">([^<]+)</.exec(res.body)![1]!;
    expect(await storedContact(code)).toBe('+16125550142');
  });
});
