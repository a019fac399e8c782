import { CARE_KINDS, LANGUAGES } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const formKey = (html: string) => /name="key" value="([^"]+)"/.exec(html)?.[1] ?? '';
const receiptOf = (html: string) => /id="receipt-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(html)?.[1];

describe.each(DIALECTS)('public request form on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, fields: Record<string, string>, app = t) => app.app.inject({ method: 'POST', url, ...form(fields) });
  const count = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('care_requests')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('network_id', '=', f.networkId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const spanish = (key: string) => ({
    lang: 'es',
    key,
    kind: 'baby_supplies',
    item_0: 'Pañales talla 3',
    qty_0: '2',
    item_1: 'Fórmula',
    qty_1: '',
    address: '2817 Calle Bloomington, apto 4, timbre de abajo',
    neighbourhood: 'Phillips',
    contact: '612 555 0147',
    language: 'es',
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('404: an unknown network gets a page in words, in the asked language, and no JSON', async () => {
    const res = await get('/help/nowhere?lang=es');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Esta página no existe');
    expect((await get('/help/Bad_Slug!')).statusCode).toBe(404);
    expect((await post('/help/nowhere', spanish('help-aaaaaaaaaaaa'))).statusCode).toBe(404);
  });

  it('400: bad input shows the form again in its language, keeps what was typed, and stores nothing', async () => {
    const before = await count();
    const res = await post('/help/alpha', {
      lang: 'es',
      key: formKey((await get('/help/alpha?lang=es')).body),
      kind: 'pizza',
      item_0: 'Arroz',
      qty_0: 'muchos',
      address: '',
      neighbourhood: 'Cedar-Riverside',
      contact: 'llámeme',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="es" dir="ltr"');
    for (const text of [
      'Elija qué necesita.',
      'Escriba cuántos con un número entero del 1 al 1000.',
      'Escriba la dirección de entrega.',
      'Esto no parece un número de teléfono ni un correo electrónico.',
    ])
      expect(res.body).toContain(text);
    for (const kept of ['value="Arroz"', 'value="muchos"', 'value="Cedar-Riverside"', 'value="llámeme"'])
      expect(res.body).toContain(kept);
    expect(res.body).toContain('aria-invalid="true"');
    // Nothing at all typed: asked for a kind, an item, an address and a contact, never a 500.
    const empty = await post('/help/alpha', { lang: 'so' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Qor ugu yaraan hal shay oo la keeno.');
    expect(await count()).toBe(before);
  });

  it('answers a broken or foreign body with a page in words, never a 500 or JSON', async () => {
    for (const [type, payload] of [
      ['application/json', '{"kind":'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ngroceries'],
      ['text/plain', 'kind=groceries'],
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/help/alpha?lang=es', payload, headers: { 'content-type': type } });
      expect(res.statusCode, type).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, type).toBeLessThan(500);
      expect(res.headers['content-type'], type).toContain('text/html');
      expect(res.body, type).toContain('<html lang="es"');
    }
  });

  it('files a Spanish request with only a typed address: receipt in Spanish, status "new", all sealed at rest', async () => {
    const page = await get('/help/alpha?lang=es');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const res = await post('/help/alpha', spanish(formKey(page.body)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Recibimos su pedido');
    expect(res.body).toContain('Qué pasa ahora');
    const code = receiptOf(res.body);
    expect(code).toBeTruthy();

    const row = await t.deps.database.db
      .selectFrom('care_requests')
      .selectAll()
      .where('receipt_code', '=', code!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ origin: 'public', kind: 'baby_supplies', language: 'es', status: 'new', point_enc: null });
    expect(row.address_enc).not.toContain('Bloomington');
    expect(t.deps.keyring.decrypt('address', row.address_enc!)).toBe('2817 Calle Bloomington, apto 4, timbre de abajo, Phillips');
    expect(t.deps.keyring.decrypt('contact', row.contact_enc!)).toBe('612 555 0147');
    expect(JSON.parse(t.deps.keyring.decrypt('case', row.items_enc))).toEqual([
      { name: 'Pañales talla 3', quantity: 2 },
      { name: 'Fórmula', quantity: 1 },
    ]);

    // The code travels in the body only; the page answers in Spanish with the status and nothing else.
    const status = await post('/help/alpha/status', { lang: 'es', code: code!.toLowerCase() });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('data-status="new"');
    expect(status.body).toContain('Recibido. Un coordinador lo leerá pronto.');
    expect(status.body).not.toContain(code!);
    expect(status.body).not.toContain('Bloomington');
    expect(status.body).not.toContain('555');

    const unknown = await post('/help/alpha/status', { lang: 'es', code: 'ZZZZ-ZZZZ' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('data-status="unknown"');
    expect((await post('/help/alpha/status', { lang: 'en', code: 'x'.repeat(500) })).body).toContain('data-status="unknown"');
  });

  it('shows a decline with its reason on the status page', async () => {
    const code = receiptOf(
      (await post('/help/alpha', { ...spanish(formKey((await get('/help/alpha')).body)), lang: 'en' })).body,
    );
    const row = await t.deps.database.db
      .selectFrom('care_requests')
      .select('id')
      .where('receipt_code', '=', code!)
      .executeTakeFirstOrThrow();
    const admin = await signIn(t.app, f.accounts.admin.email);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/care/requests/${row.id}/triage`,
      headers: { cookie: admin },
      payload: { decision: 'decline', reason: 'Outside our area: call 211' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const status = await post('/help/alpha/status', { lang: 'en', code: code! });
    expect(status.body).toContain('data-status="declined"');
    expect(status.body).toContain('Outside our area: call 211');
  });

  it('files one request for a double-tapped or re-sent submit (the form’s key)', async () => {
    const before = await count();
    const fields = spanish(formKey((await get('/help/alpha?lang=es')).body));
    const [a, b] = await Promise.all([post('/help/alpha', fields), post('/help/alpha', fields)]);
    const c = await post('/help/alpha', fields);
    const codes = [a, b, c].map((r) => receiptOf(r.body));
    expect(codes[0]).toBeTruthy();
    expect(new Set(codes).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('files discreet only when the box is ticked, and keeps the tick when the form comes back with an error', async () => {
    const discreetOf = async (code: string | undefined) =>
      (
        await t.deps.database.db
          .selectFrom('care_requests')
          .select('discreet')
          .where('receipt_code', '=', code!)
          .executeTakeFirstOrThrow()
      ).discreet;
    const page = await get('/help/alpha?lang=so');
    expect(page.body).toContain('name="discreet"');
    const ticked = await post('/help/alpha', { ...spanish('discreet-one-xxxx'), discreet: '1' });
    const plain = await post('/help/alpha', spanish('discreet-two-xxxx'));
    expect(Number(await discreetOf(receiptOf(ticked.body)))).toBe(1);
    expect(Number(await discreetOf(receiptOf(plain.body)))).toBe(0);
    const bad = await post('/help/alpha', { ...spanish('discreet-three-xx'), discreet: '1', address: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="f-discreet"[^>]*checked/);
  });

  it('takes an email, or an SMS-only phone in any spelling, as the contact', async () => {
    for (const contact of ['amina@example.org', '+252 61 555 0101', '(612) 555-0199']) {
      const res = await post('/help/alpha', { ...spanish(`help-${contact.replace(/\W/g, '')}xxxx`), contact, lang: 'en' });
      expect(res.statusCode, contact).toBe(200);
    }
  });

  it('is at most 30 KB per page with its stylesheet and script, in every language; Arabic reads right to left', async () => {
    const css = (await get('/r/assets/report.css')).rawPayload.length;
    const js = (await get('/r/assets/report.js')).rawPayload.length;
    const sizes: string[] = [];
    for (const lang of LANGUAGES) {
      const pages = {
        form: await get(`/help/alpha?lang=${lang}`),
        errors: await post('/help/alpha', { lang }),
        receipt: await post('/help/alpha', { ...spanish(`help-size-${lang}-${dialect}`), lang }),
        status: await post('/help/alpha/status', { lang, code: 'ZZZZ-ZZZZ' }),
      };
      for (const [name, res] of Object.entries(pages)) {
        expect(res.body, `${lang} ${name}`).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
        const total = res.rawPayload.length + css + js;
        sizes.push(`${lang}/${name} ${res.rawPayload.length}`);
        expect(total, `${lang} ${name}`).toBeLessThanOrEqual(30 * 1024);
      }
    }
    console.log(`public request pages (html bytes; + css ${css} + js ${js}): ${sizes.join(', ')}`);
  });

  it('is linked from the public report page, in the same language', async () => {
    const report = await get('/r/alpha?lang=es');
    expect(report.body).toContain('<a href="/help/alpha?lang=es">¿Necesita que le traigan comestibles');
  });

  it('offers every kind of help, a quick exit and the language switcher, and loads nothing from elsewhere', async () => {
    const res = await get('/help/alpha?lang=hmn');
    for (const kind of CARE_KINDS) expect(res.body).toContain(`value="${kind}"`);
    expect(res.body).toContain('class="exit"');
    for (const lang of LANGUAGES) expect(res.body).toContain(`hreflang="${lang}"`);
    // Only the quick exit leaves the site; scripts and styles are same-origin under the CSP.
    expect([...res.body.matchAll(/(?:src|href|action)="(https?:[^"]*)"/g)].map((m) => m[1])).toEqual([
      'https://www.weather.gov/',
    ]);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script>|style=/);
  });
});

describe.each(DIALECTS)('public request form, sealed, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { sealed: true });
    await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('503: without the key the form comes back with the answers kept, in the language, and nothing stored', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/help/alpha',
      ...form({
        lang: 'ar',
        key: 'help-sealed-1234',
        kind: 'groceries',
        item_0: 'أرز',
        address: '12 Lake St',
        contact: '6125550100',
      }),
    });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain('لا يمكننا استقبال الطلبات الآن');
    expect(res.body).toContain('value="أرز"');
    expect(res.body).toContain('12 Lake St');
    const n = await t.deps.database.db
      .selectFrom('care_requests')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
