import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { phoneJpeg } from './photo.fixtures.ts';

const BOUNDARY = '----switchboardbroken';
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const photoHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;

/** Send exact bytes over a real socket (no client library to tidy them up) and read the answer. */
function postRaw(base: string, path: string, contentType: string, body: Buffer) {
  return new Promise<{ status: number; body: string; contentType: string }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, contentType: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Bodies a browser never sends but a broken connection, a proxy or a probe does: each
 * must get the form back (400, in the form's language, with what could be read of what
 * was typed), never a 500, and store nothing.
 */
describe.each(DIALECTS)('malformed multipart on the public report form on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let base: string;
  const es = stringsFor('public', 'es').errors;
  const count = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('reports')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  /** The form came back in Spanish, saying why, keeping `typed` (when any could be read). */
  const expectFormAgain = (res: { status: number; body: string; contentType: string }, typed?: string) => {
    expect({ status: res.status, html: res.contentType.includes('text/html') }).toEqual({ status: 400, html: true });
    expect(res.body).toContain('lang="es"');
    expect(res.body).toContain('<form class="report"');
    expect(res.body).toContain(es.summary);
    expect(res.body).toContain(es.formBroken);
    if (typed) expect(res.body).toContain(typed);
  };

  it('a multipart type without a boundary ("Boundary not found")', async () => {
    const before = await count();
    const res = await postRaw(base, `/r/${f.slug}?lang=es`, 'multipart/form-data', Buffer.from(field('what', 'hola')));
    expectFormAgain(res);
    expect(await count()).toBe(before);
  });

  it('a body cut off inside a field ("Unexpected end of form")', async () => {
    const before = await count();
    const body = Buffer.from(
      field('lang', 'es') +
        field('category', 'other') +
        field('where', 'Lake St y Chicago') +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="what"\r\n\r\nveo la camio`,
    );
    const res = await postRaw(base, `/r/${f.slug}?lang=es`, `multipart/form-data; boundary=${BOUNDARY}`, body);
    expectFormAgain(res, 'Lake St y Chicago');
    expect(await count()).toBe(before);
  });

  it('a body cut off inside a part’s headers ("Malformed part header" / "Part terminated early")', async () => {
    const before = await count();
    const body = Buffer.from(`${field('where', 'Calle 5')}--${BOUNDARY}\r\nContent-Disposition: form-data; na`);
    const res = await postRaw(base, `/r/${f.slug}?lang=es`, `multipart/form-data; boundary=${BOUNDARY}`, body);
    expectFormAgain(res, 'Calle 5');
    expect(await count()).toBe(before);
  });

  it('a photo part without its closing boundary', async () => {
    const before = await count();
    const body = Buffer.concat([
      Buffer.from(field('lang', 'es') + field('category', 'other') + field('where', 'Parque Powderhorn') + photoHead),
      await phoneJpeg(),
    ]);
    const res = await postRaw(base, `/r/${f.slug}?lang=es`, `multipart/form-data; boundary=${BOUNDARY}`, body);
    expectFormAgain(res, 'Parque Powderhorn');
    expect(await count()).toBe(before);
  });

  it('still files a well-formed form (the same bytes, closed properly)', async () => {
    const before = await count();
    const body = Buffer.concat([
      Buffer.from(field('lang', 'es') + field('category', 'other') + field('where', 'Parque Powderhorn') + photoHead),
      await phoneJpeg(),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const res = await postRaw(base, `/r/${f.slug}?lang=es`, `multipart/form-data; boundary=${BOUNDARY}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toContain('id="receipt-code"');
    expect(await count()).toBe(before + 1);
  });
});
