import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { solveForTest } from '../../platform/flood/challenge.fixtures.ts';
import { floodProtectionOf } from '../../platform/flood/flood-protection.ts';
import { headerOnlyJpegFlood, hugeSolidPng, LEAKS, phoneJpeg, phonePng, phoneWebp } from './photo.fixtures.ts';

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----switchboard${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const formKey = (html: string) => /name="key" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe.each(DIALECTS)('public report page on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const count = async (networkId = f.networkId) =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('reports')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('network_id', '=', networkId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const postForm = (slug: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) =>
    t.app.inject({ method: 'POST', url: `/r/${slug}`, ...multipart(fields, file) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('404: an unknown network gets a page in words, in the asked language, and no JSON', async () => {
    const res = await get('/r/nowhere?lang=es');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Esta página no existe');
    expect((await get('/r/Bad_Slug!')).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/r/nowhere',
          payload: 'category=other&where=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('400: bad input shows the form again with the errors in words, keeps what was typed, and stores nothing', async () => {
    const before = await count();
    const page = await get('/r/alpha?lang=es');
    const res = await postForm('alpha', {
      lang: 'es',
      key: formKey(page.body),
      category: 'riot',
      where: '',
      when: 'yesterday',
      what: 'x'.repeat(2001),
      contact: '612 555 0100',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Elija qué está pasando.');
    expect(res.body).toContain('Diga dónde es');
    expect(res.body).toContain('Escriba la fecha y la hora');
    expect(res.body).toContain('menos de 2000 caracteres');
    expect(res.body).toContain('value="612 555 0100"');
    expect(res.body).toContain(`name="key" value="${formKey(page.body)}"`);
    const future = await postForm('alpha', { lang: 'en', category: 'checkpoint', where: 'Lake St', when: '2030-01-01T10:00' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('cannot be in the future');
    const notAPhoto = await postForm(
      'alpha',
      { lang: 'en', category: 'checkpoint', where: 'Lake St' },
      { name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('<svg onload=alert(1)>') },
    );
    expect(notAPhoto.statusCode).toBe(400);
    expect(notAPhoto.body).toContain('must be a JPEG, PNG or WebP');
    expect(await count()).toBe(before);
  });

  it('renders in all five languages, Arabic right to left, with a neutral title, quick exit, labels and plain-link switcher', async () => {
    const headings = {
      en: 'Report what you see',
      es: 'Reporte lo que ve',
      so: 'Soo sheeg waxa aad aragto',
      hmn: 'Qhia seb koj pom dab tsi',
      ar: 'أبلغ عما تراه',
    };
    for (const [lang, heading] of Object.entries(headings)) {
      const res = await get(`/r/alpha?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(res.body).toContain(heading);
      expect(res.body).toContain('<title>Switchboard</title>');
      expect(res.body).toMatch(/<header class="top"><a class="exit" href="https:\/\/www\.weather\.gov\//);
      for (const l of Object.keys(headings)) expect(res.body).toContain(`href="/r/alpha?lang=${l}"`);
      // Every control has a label: each id'd input is named by a <label for>.
      for (const id of ['f-where', 'f-when', 'f-what', 'f-photo', 'f-contact'])
        expect(res.body).toContain(`<label class="f" for="${id}">`);
      expect(res.body).not.toMatch(/<script>|style=|<style/);
      expect(res.body).toContain('enctype="multipart/form-data"');
    }
    expect((await get('/r/alpha', { 'accept-language': 'so-SO,so;q=0.9,en;q=0.5' })).body).toContain('<html lang="so"');
    expect((await get('/r/alpha', { 'accept-language': 'fr-FR' })).body).toContain('<html lang="en"');
  });

  it('is at most 30 KB with its stylesheet and script, and the time defaults to now in the network zone', async () => {
    const page = await get('/r/alpha?lang=hmn');
    const css = await get('/r/assets/report.css');
    const js = await get('/r/assets/report.js');
    expect(css.headers['content-type']).toContain('text/css');
    expect(js.headers['content-type']).toContain('javascript');
    const total = page.rawPayload.length + css.rawPayload.length + js.rawPayload.length;
    console.log(
      `public report page (hmn): html ${page.rawPayload.length} B + css ${css.rawPayload.length} B + js ${js.rawPayload.length} B = ${total} B`,
    );
    expect(total).toBeLessThanOrEqual(30 * 1024);
    // The fake clock says 12:00 UTC; the alpha network is in America/Chicago.
    expect(page.body).toContain('value="2026-11-29T06:00"');
  });

  it('files a report and shows the receipt in Spanish with know-your-rights', async () => {
    const page = await get('/r/alpha?lang=es');
    const res = await postForm('alpha', {
      lang: 'es',
      key: formKey(page.body),
      category: 'home_raid',
      where: 'Lake St y Bloomington',
      when: '2026-11-29T05:50',
      what: 'Dos camionetas',
      contact: '+16125550142',
      lat: '44.9486',
      lng: '-93.2526',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Reporte recibido.');
    expect(res.body).toContain('Un voluntario capacitado lo está revisando.');
    expect(res.body).toContain('Conozca sus derechos');
    const code = /id="receipt-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(res.body)?.[1];
    expect(code).toBeTruthy();
    const row = await t.deps.database.db
      .selectFrom('reports')
      .selectAll()
      .where('receipt_code', '=', code!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'web', category: 'home_raid', language: 'es', location_text: null, description: null });
    // Where and what, sealed at rest.
    expect(t.deps.keyring.decrypt('address', row.location_text_enc!)).toBe('Lake St y Bloomington');
    expect(t.deps.keyring.decrypt('report', row.description_enc!)).toBe('Dos camionetas');
    expect(new Date(row.observed_at as string).toISOString()).toBe('2026-11-29T11:50:00.000Z');
    expect(row.contact_enc).not.toContain('555');
    expect(t.deps.keyring.decrypt('contact', row.contact_enc!)).toBe('+16125550142');
  });

  it('accepts an urlencoded post too (a form without a photo field)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      payload: 'lang=so&category=checkpoint&where=Cedar+Ave',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Warbixinta waa la helay.');
  });

  it('files one report for a double-tapped submit (the form’s key)', async () => {
    const key = formKey((await get('/r/alpha?lang=en')).body);
    const before = await count();
    const fields = { lang: 'en', key, category: 'traffic_stop', where: 'Hiawatha & 46th' };
    const [a, b] = await Promise.all([postForm('alpha', fields), postForm('alpha', fields)]);
    const c = await postForm('alpha', fields);
    const codes = [a, b, c].map((r) => /id="receipt-code">([^<]+)</.exec(r.body)?.[1]);
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).toBeTruthy();
    expect(await count()).toBe(before + 1);
  });

  it('stores photos re-encoded, upright and with no metadata (encrypted)', async () => {
    for (const [name, type, bytes, magic] of [
      ['p.jpg', 'image/jpeg', await phoneJpeg(6), 'ffd8ff'],
      ['p.png', 'image/png', await phonePng(6), '89504e47'],
      ['p.webp', 'image/webp', await phoneWebp(), '52494646'],
    ] as const) {
      expect(bytes.toString('latin1')).toMatch(/PhoneMaker/);
      const res = await postForm(
        'alpha',
        { lang: 'en', category: 'staging', where: `Photo test ${name}` },
        { name, type, bytes },
      );
      expect(res.statusCode).toBe(200);
      // Where it is, is sealed at rest: the newest report is this one (ids are UUIDv7).
      const row = await t.deps.database.db
        .selectFrom('reports')
        .select(['photo_enc', 'location_text_enc'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(t.deps.keyring.decrypt('address', row.location_text_enc!)).toBe(`Photo test ${name}`);
      expect(row.photo_enc).toBeTruthy();
      const stored = Buffer.from(t.deps.keyring.decrypt('evidence', row.photo_enc!), 'base64');
      expect(stored.subarray(0, 4).toString('hex').startsWith(magic)).toBe(true);
      for (const leak of [...LEAKS, 'JFXX']) expect(stored.toString('latin1')).not.toContain(leak);
      // The phone held upright (orientation 6) becomes an upright picture: 20 wide, 40 tall.
      const meta = await sharp(stored).metadata();
      expect([meta.width, meta.height]).toEqual(type === 'image/webp' ? [40, 20] : [20, 40]);
    }
  });

  it('refuses a 20,000 × 20,000 PNG and a header-only pixel flood in words, keeping what was typed', async () => {
    const before = await count();
    for (const [name, bytes] of [
      ['huge.png', hugeSolidPng()],
      ['flood.jpg', headerOnlyJpegFlood()],
    ] as const) {
      const res = await postForm(
        'alpha',
        { lang: 'es', category: 'staging', where: 'Lake & 28th', what: 'two vans', contact: '612 555 0100' },
        { name, type: name.endsWith('png') ? 'image/png' : 'image/jpeg', bytes },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('demasiados píxeles');
      expect(res.body).toContain('value="Lake &amp; 28th"');
      expect(res.body).toContain('two vans');
      expect(res.body).toContain('value="612 555 0100"');
    }
    const broken = await phoneJpeg(1);
    const res = await postForm(
      'alpha',
      { lang: 'en', category: 'staging', where: 'Lake St' },
      { name: 'cut.jpg', type: 'image/jpeg', bytes: broken.subarray(0, broken.length >> 1) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The photo could not be read');
    expect(await count()).toBe(before);
  });

  it('says so in words when the photo is over 5 MB, and keeps the rest of the form', async () => {
    const big = Buffer.concat([(await phoneJpeg()).subarray(0, 20), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const before = await count();
    const res = await postForm(
      'alpha',
      { lang: 'en', category: 'staging', where: 'Too big', contact: 'call me' },
      { name: 'big.jpg', type: 'image/jpeg', bytes: big },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('larger than 5 MB');
    expect(res.body).toContain('value="call me"');
    expect(await count()).toBe(before);
  });

  it('serves know-your-rights in the language', async () => {
    const res = await get('/r/alpha/rights?lang=ar');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain('<h1>اعرف حقوقك</h1>');
  });

  it('under flood, asks for the challenge: refuses without it, accepts a solved one once, and the typed fallback after a pause', async () => {
    const { guard } = floodProtectionOf(t.deps);
    guard.configure({ threshold: 2 });
    const betaId = (
      await t.deps.database.db.selectFrom('networks').select('id').where('slug', '=', 'beta').executeTakeFirstOrThrow()
    ).id;
    expect((await get('/r/beta?lang=en')).body).not.toContain('data-challenge');
    // Three reports through the JSON API in the same minute: the page counts every door.
    for (let i = 0; i < 3; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/beta/reports',
        payload: { category: 'other', description: `flood ${i}` },
      });
    for (let i = 0; i < 50 && !guard.isFlooded(betaId); i++) await new Promise((r) => setTimeout(r, 50));
    expect(guard.isFlooded(betaId)).toBe(true);

    const page = await get('/r/beta?lang=es');
    expect(page.body).toContain('Están llegando muchos reportes ahora');
    const before = await count(betaId);
    const refused = await postForm('beta', {
      lang: 'es',
      key: formKey(page.body),
      category: 'checkpoint',
      where: 'Franklin Ave',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Por favor responda la pregunta de verificación.');
    expect(await count(betaId)).toBe(before);

    const challenge = JSON.parse(
      /data-challenge="([^"]+)"/
        .exec(refused.body)![1]
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const altcha = await solveForTest(challenge);
    const fields = { lang: 'es', category: 'checkpoint', where: 'Franklin Ave', altcha };
    const ok = await postForm('beta', { ...fields, key: 'web-flood-key-1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Reporte recibido.');
    const replayed = await postForm('beta', { ...fields, key: 'web-flood-key-2' });
    expect(replayed.statusCode).toBe(400);

    // Without JavaScript: type the digits shown, no sooner than a few seconds after the page.
    const fallback = await get('/r/beta?lang=en');
    const token = /name="check_token" value="([^"]+)"/.exec(fallback.body)![1];
    const digits = /Type these digits: ([\d ]+)</.exec(fallback.body)![1].replace(/ /g, '');
    const tooSoon = await postForm('beta', {
      lang: 'en',
      category: 'other',
      where: 'Chicago Ave',
      check_token: token,
      check_answer: digits,
      key: 'web-flood-key-3',
    });
    expect(tooSoon.statusCode).toBe(400);
    t.clock.advance(6_000);
    const fresh = await get('/r/beta?lang=en');
    const token2 = /name="check_token" value="([^"]+)"/.exec(fresh.body)![1];
    const digits2 = /Type these digits: ([\d ]+)</.exec(fresh.body)![1].replace(/ /g, '');
    t.clock.advance(6_000);
    const typed = await postForm('beta', {
      lang: 'en',
      category: 'other',
      where: 'Chicago Ave',
      check_token: token2,
      check_answer: digits2,
      key: 'web-flood-key-4',
    });
    expect(typed.statusCode).toBe(200);
    expect(await count(betaId)).toBe(before + 2);
    guard.configure({ threshold: 60 });
  });
});
