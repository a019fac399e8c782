import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles, type Source, zxyToTileId } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.ts';
import { tinyPmtiles } from '../../../test/harness/tiny-pmtiles.ts';

const URL = '/map/basemap.pmtiles';
// Two distinct "tiles": the route serves bytes, so their content only has to be recognisable.
const WORLD = Buffer.from('tile z0: the whole world');
const NORTH_WEST = Buffer.from('tile z1/0/0: the north-west quarter');

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-basemap-'));
  const file = join(dir, 'region.pmtiles');
  const bytes = tinyPmtiles(
    [
      { tileId: zxyToTileId(0, 0, 0), data: WORLD },
      { tileId: zxyToTileId(1, 0, 0), data: NORTH_WEST },
    ],
    { minZoom: 0, maxZoom: 1, bounds: [-93.4, 44.8, -93.0, 45.1], metadata: { name: 'test region', vector_layers: [] } },
  );
  writeFileSync(file, bytes);
  return { dir, file, bytes };
}

describe.each(DIALECTS)('vector basemap on %s', (dialect) => {
  describe('with a PMTiles file configured', () => {
    let t: TestApp;
    let f: ReturnType<typeof fixture>;
    beforeAll(async () => {
      f = fixture();
      t = await createTestApp(dialect, { env: { BASEMAP_PMTILES: f.file } });
    });
    afterAll(async () => {
      await t.close();
      rmSync(f.dir, { recursive: true, force: true });
    });

    const get = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: URL, headers });

    it('is announced in the map settings with its same-origin URL and the OpenStreetMap credit', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/map' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ tiles: null, basemap: { url: URL, attribution: '© OpenStreetMap contributors' } });
    });

    it('is a valid PMTiles v3 archive read range by range through the route', async () => {
      const ranges: string[] = [];
      const source: Source = {
        getKey: () => URL,
        getBytes: async (offset, length) => {
          const range = `bytes=${offset}-${offset + length - 1}`;
          ranges.push(range);
          const res = await get({ range });
          expect(res.statusCode, range).toBe(206);
          const body = res.rawPayload;
          return {
            data: body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer,
            etag: String(res.headers.etag),
          };
        },
      };
      const archive = new PMTiles(source);
      const header = await archive.getHeader();
      expect(header.specVersion).toBe(3);
      expect([header.minZoom, header.maxZoom]).toEqual([0, 1]);
      expect(header.minLon).toBeCloseTo(-93.4, 5);
      expect(header.maxLat).toBeCloseTo(45.1, 5);
      expect(header.numAddressedTiles).toBe(2);
      expect(await archive.getMetadata()).toEqual({ name: 'test region', vector_layers: [] });
      const world = await archive.getZxy(0, 0, 0);
      expect(Buffer.from(world?.data ?? new ArrayBuffer(0)).equals(WORLD)).toBe(true);
      const nw = await archive.getZxy(1, 0, 0);
      expect(Buffer.from(nw?.data ?? new ArrayBuffer(0)).equals(NORTH_WEST)).toBe(true);
      expect(await archive.getZxy(1, 1, 1)).toBeUndefined();
      expect(ranges.length).toBeGreaterThanOrEqual(2);
    });

    it('206 with exactly the bytes asked for, Content-Range, Accept-Ranges, ETag and long cache headers', async () => {
      const res = await get({ range: 'bytes=7-20' });
      expect(res.statusCode).toBe(206);
      expect(res.rawPayload.equals(f.bytes.subarray(7, 21))).toBe(true);
      expect(res.headers['content-range']).toBe(`bytes 7-20/${f.bytes.length}`);
      expect(res.headers['content-length']).toBe('14');
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['content-type']).toBe('application/vnd.pmtiles');
      expect(res.headers['cache-control']).toBe('public, max-age=604800');
      expect(String(res.headers.etag)).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('reads open-ended, suffix and past-the-end ranges within the file', async () => {
      const size = f.bytes.length;
      const open = await get({ range: `bytes=${size - 5}-` });
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(f.bytes.subarray(size - 5))).toBe(true);
      const suffix = await get({ range: 'bytes=-3' });
      expect(suffix.statusCode).toBe(206);
      expect(suffix.headers['content-range']).toBe(`bytes ${size - 3}-${size - 1}/${size}`);
      expect(suffix.rawPayload.equals(f.bytes.subarray(size - 3))).toBe(true);
      const clamped = await get({ range: `bytes=0-${size + 1000}` });
      expect(clamped.statusCode).toBe(206);
      expect(clamped.rawPayload.equals(f.bytes)).toBe(true);
      expect(clamped.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    });

    it('416 with the size for a range past the end, as a stable error code', async () => {
      const size = f.bytes.length;
      for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
        const res = await get({ range });
        expect(res.statusCode, range).toBe(416);
        expect(res.headers['content-range'], range).toBe(`bytes */${size}`);
        expect(res.json().error.code, range).toBe('range_not_satisfiable');
        expect(res.headers['set-cookie'], range).toBeUndefined();
      }
    });

    it('the whole file without a usable range or when If-Range names another version, 304 when the browser has it', async () => {
      const cases: Record<string, string>[] = [
        {},
        { range: 'bytes=5-2' },
        { range: 'items=0-4' },
        { range: 'bytes=0-1,4-5' },
        { range: 'bytes=0-9', 'if-range': '"old"' },
      ];
      for (const headers of cases) {
        const res = await get(headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(200);
        expect(res.rawPayload.equals(f.bytes), JSON.stringify(headers)).toBe(true);
        expect(res.headers['content-range']).toBeUndefined();
      }
      const etag = String((await get()).headers.etag);
      const matching = await get({ range: 'bytes=0-9', 'if-range': etag });
      expect(matching.statusCode).toBe(206);
      const cached = await get({ 'if-none-match': etag });
      expect(cached.statusCode).toBe(304);
      expect(cached.rawPayload.length).toBe(0);
    });

    it('never sets a cookie, even for a caller who sends one', async () => {
      const res = await get({ range: 'bytes=0-126', cookie: 'sb_session=not-a-real-session' });
      expect(res.statusCode).toBe(206);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('without a basemap', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(() => t.close());

    it('says there is none and answers 404, never a 500', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/map' })).json()).toEqual({ tiles: null, basemap: null });
      const res = await t.app.inject({ method: 'GET', url: URL, headers: { range: 'bytes=0-126' } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('treats a configured path with no file behind it as no basemap', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-basemap-missing-'));
      try {
        t.deps.config = { ...t.deps.config, basemap: { file: join(dir, 'absent.pmtiles'), attribution: null } };
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/map' })).json()).toEqual({ tiles: null, basemap: null });
        expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(404);
        t.deps.config = { ...t.deps.config, basemap: { file: dir, attribution: null } };
        expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(404);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
