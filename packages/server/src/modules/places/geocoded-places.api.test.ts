import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeocoderDouble, type GeocoderDouble, type KnownPlace } from '../../../test/doubles/geocoder.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

const demoFile = (name: string) => readFileSync(new URL(`../../demo/gazetteer/${name}`, import.meta.url), 'utf8');

// Words the gazetteer does not know, that the network's own Nominatim does.
describe.each(DIALECTS)('typed words placed by the network’s own geocoder on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  let double: GeocoderDouble;
  const known: KnownPlace[] = [];
  const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const report = (body: object, language = 'en') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      headers: { 'accept-language': language },
      payload: { category: 'checkpoint', ...body },
    });
  const incidentOf = async (locationText: string) =>
    (
      (await call(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents as {
        locationText: string | null;
        point: { lat: number; lng: number } | null;
        placeName: string | null;
        areaName: string | null;
      }[]
    ).find((i) => i.locationText === locationText);

  beforeAll(async () => {
    double = await startGeocoderDouble(known);
    t = await createTestApp(dialect, { env: { GEOCODER_URL: double.url, GEOCODER_TIMEOUT_MS: '400' } });
    f = await seedFixture(t.deps);
    const admin = await signIn(t.app, f.accounts.admin.email);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    for (const [file, kind] of [
      ['minneapolis-neighborhoods.geojson', undefined],
      ['minneapolis-corners.geojson', 'intersection'],
    ] as const)
      expect(
        (await call(admin, 'POST', '/api/v1/networks/alpha/places/import', { geojson: demoFile(file), kind })).statusCode,
      ).toBe(200);
    // A point inside Phillips West (its own centre, from the public list of areas).
    const areas = (await call(undefined, 'GET', '/api/v1/networks/alpha/areas')).json().areas as {
      name: string;
      point: { lat: number; lng: number };
    }[];
    const phillips = areas.find((a) => a.name === 'Phillips West')!;
    known.push({
      q: 'the laundromat by Stewart Park',
      lat: phillips.point.lat,
      lng: phillips.point.lng,
      name: 'Stewart Park Laundromat',
      displayName: 'Stewart Park Laundromat, 2700, Phillips West, Minneapolis, Minnesota, United States',
    });
  });
  beforeEach(() => {
    double.requests.length = 0;
    double.setMode('ok');
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  it('words the gazetteer misses are placed by the geocoder and named by their neighbourhood; nothing but the words leaves', async () => {
    const res = await report(
      {
        locationText: 'the laundromat by Stewart Park',
        description: 'two vans, agents in vests',
        contact: '+16125550177',
      },
      'es',
    );
    expect(res.statusCode, res.body).toBe(201);
    const placed = await incidentOf('the laundromat by Stewart Park');
    expect(placed?.point).not.toBeNull();
    expect(placed?.placeName).toBe('Stewart Park Laundromat');
    expect(placed?.areaName).toBe('Phillips West');
    expect(double.requests).toHaveLength(1);
    const sent = double.requests[0].params;
    expect(sent.get('q')).toBe('the laundromat by Stewart Park');
    expect(sent.get('accept-language')).toBe('es');
    expect(sent.get('bounded')).toBe('1');
    expect([...sent.keys()].sort()).toEqual(['accept-language', 'bounded', 'format', 'limit', 'q', 'viewbox']);
    expect([...sent.values()].join(' ')).not.toMatch(/vans|5550177/);
  });

  it('a gazetteer hit never asks the geocoder', async () => {
    expect((await report({ locationText: 'Lake St & Chicago Ave' })).statusCode).toBe(201);
    expect((await incidentOf('Lake St & Chicago Ave'))?.areaName).toBe('Phillips West');
    expect(double.requests).toHaveLength(0);
  });

  it('a miss, a geocoder down (500), garbage or no answer in time: the report is filed unplaced, never refused', async () => {
    for (const mode of ['ok', 'error', 'garbage', 'hang'] as const) {
      double.setMode(mode);
      const words = `behind the old grain elevator (${mode})`;
      const started = Date.now();
      const res = await report({ locationText: words });
      expect(res.statusCode, `${mode}: ${res.body}`).toBe(201);
      expect(Date.now() - started, mode).toBeLessThan(3000);
      const unplaced = await incidentOf(words);
      expect(unplaced, mode).toMatchObject({ point: null, placeName: null, areaName: null });
    }
    expect(double.requests).toHaveLength(4);
  });
});
