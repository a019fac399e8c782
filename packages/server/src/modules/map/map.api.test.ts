import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.ts';

// A real 1×1 PNG: what a tile directory holds.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const SECRET = Buffer.from('not a tile: the master key would be here');

/** A tile directory with zoom levels 2 and 3, and a file beside it that must never be served. */
function tileFixture() {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-tiles-'));
  const dir = join(root, 'tiles');
  mkdirSync(join(dir, '2', '1'), { recursive: true });
  mkdirSync(join(dir, '3', '2'), { recursive: true });
  writeFileSync(join(dir, '2', '1', '1.png'), PNG);
  writeFileSync(join(dir, '3', '2', '5.png'), PNG);
  writeFileSync(join(root, 'secret.png'), SECRET);
  writeFileSync(join(dir, 'secret.png'), SECRET);
  return { root, dir };
}

describe.each(DIALECTS)('map tiles on %s', (dialect) => {
  describe('with a tile directory configured', () => {
    let t: TestApp;
    let fixture: ReturnType<typeof tileFixture>;
    beforeAll(async () => {
      fixture = tileFixture();
      t = await createTestApp(dialect, {
        env: { MAP_TILES_DIR: fixture.dir, MAP_TILES_ATTRIBUTION: '© OpenStreetMap contributors' },
      });
    });
    afterAll(async () => {
      await t.close();
      rmSync(fixture.root, { recursive: true, force: true });
    });

    it('400: tile coordinates that are not digits, or an unknown format', async () => {
      for (const url of [
        '/map/tiles/a/1/1.png',
        '/map/tiles/2/x/1.png',
        '/map/tiles/2/1/1.gif',
        '/map/tiles/2/1/1',
        '/map/tiles/123/1/1.png',
        '/map/tiles/-1/1/1.png',
        '/map/tiles/2/1/123456789.png',
        '/map/tiles/2/1/1.PNG',
        '/map/tiles/2/%E2%80%AE1/1.png',
        '/map/tiles/2/1/1.png.png',
        '/map/tiles/%20/1/1.png',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code, url).toBe('validation_failed');
      }
    });

    it('describes the tile set: same-origin template, zoom range from the folders, the credit line', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/map' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        tiles: { urlTemplate: '/map/tiles/{z}/{x}/{y}.png', minZoom: 2, maxZoom: 3, attribution: '© OpenStreetMap contributors' },
        basemap: null,
      });
    });

    it('serves a tile with long cache headers and an ETag, and 304 when the browser has it', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/map/tiles/2/1/1.png' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('public, max-age=604800');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.rawPayload.equals(PNG)).toBe(true);
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      const again = await t.app.inject({ method: 'GET', url: '/map/tiles/2/1/1.png', headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    });

    it('404 for a missing tile, a zoom outside the set, and coordinates outside the world', async () => {
      for (const url of [
        '/map/tiles/2/1/2.png',
        '/map/tiles/2/0/0.png',
        '/map/tiles/1/0/0.png',
        '/map/tiles/4/1/1.png',
        '/map/tiles/2/4/1.png',
        '/map/tiles/2/1/4.png',
        '/map/tiles/2/1/1.webp',
        '/map/tiles/2/1/99999999.png',
        '/map/tiles/22/1/1.png',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code, url).toBe('not_found');
      }
    });

    it('never serves a file outside the tile grid, however the path is spelled', async () => {
      const attempts = [
        '/map/tiles/2/1/..%2F..%2F..%2Fsecret.png',
        '/map/tiles/2/1/%2e%2e%2f%2e%2e%2fsecret.png',
        '/map/tiles/2/../../secret.png',
        '/map/tiles/../../secret.png',
        '/map/tiles/..%2F..%2F/1/1.png',
        '/map/tiles/2/1/..%5C..%5Csecret.png',
        '/map/tiles/secret.png',
        '/map/tiles/2/1/1.png%00.txt',
        '/map/tiles//etc/passwd',
      ];
      for (const url of attempts) {
        const res = await t.app.inject({ method: 'GET', url });
        expect([400, 404], url).toContain(res.statusCode);
        expect(res.rawPayload.includes(SECRET), url).toBe(false);
        expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      }
    });
  });

  describe('without tiles', () => {
    let t: TestApp;
    let empty: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
      if (empty) rmSync(empty, { recursive: true, force: true });
    });

    it('says maps are schematic and serves no tile at all', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/map' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ tiles: null, basemap: null });
      const tile = await t.app.inject({ method: 'GET', url: '/map/tiles/0/0/0.png' });
      expect(tile.statusCode).toBe(404);
      expect(tile.json().error.code).toBe('not_found');
    });

    it('treats a configured directory with no tiles in it as no tiles', async () => {
      empty = mkdtempSync(join(tmpdir(), 'switchboard-tiles-empty-'));
      mkdirSync(join(empty, '3', '1'), { recursive: true });
      t.deps.config = { ...t.deps.config, mapTiles: { dir: empty, attribution: null } };
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/map' })).json()).toEqual({ tiles: null, basemap: null });
      expect((await t.app.inject({ method: 'GET', url: '/map/tiles/3/1/1.png' })).statusCode).toBe(404);
    });
  });
});
