import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app.ts';

const precompress = new URL('../../../web/scripts/precompress.mjs', import.meta.url).pathname;

// The web app on an old phone over a slow network: compressed bytes, and hashed assets fetched once.
describe('the built web app is served compressed and cached by its hash', () => {
  let t: TestApp;
  let dist: string;
  const script = `console.log(${JSON.stringify('switchboard '.repeat(400))});\n`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    const page = `<!doctype html><title>Switchboard</title><script src="/assets/app-Ab12Cd34.js"></script>`;
    writeFileSync(join(dist, 'index.html'), page + ' '.repeat(2000));
    writeFileSync(join(dist, 'assets/app-Ab12Cd34.js'), script);
    // The real build step, on this folder.
    execFileSync(process.execPath, [precompress, dist]);
    t = await createTestApp('sqlite', { env: { WEB_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, and plain to the rest', async () => {
    const url = '/assets/app-Ab12Cd34.js';
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 5);

    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('caches hashed assets for a year, immutable; the page itself is checked every time', async () => {
    const asset = await t.app.inject({ url: '/assets/app-Ab12Cd34.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('gzip');
    // A client-side route falls back to the page, which is not cached for a year either.
    const route = await t.app.inject({ url: '/n/alpha/dispatch' });
    expect(route.statusCode).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body).toContain('<title>Switchboard</title>');
  });
});
