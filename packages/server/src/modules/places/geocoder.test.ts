import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeocoderDouble, type GeocoderDouble } from '../../../test/doubles/geocoder.double.ts';
import { adapterFor, cachedGeocoder } from './geocoder-cache.ts';

const REGION = { minLat: 44.89, minLng: -93.33, maxLat: 45.05, maxLng: -93.19 };
const CORNER = {
  q: 'Bloomington & 24th',
  lat: 44.9603,
  lng: -93.2525,
  name: 'Bloomington Avenue & East 24th Street',
  displayName: 'Bloomington Avenue & East 24th Street, Phillips, Minneapolis, Hennepin County, Minnesota, United States',
};
const FAR = {
  q: 'Chicago Ave, Chicago',
  lat: 41.8961,
  lng: -87.6237,
  name: 'Chicago Avenue',
  displayName: 'Chicago Avenue, Chicago',
};

describe.each(['nominatim', 'photon'] as const)('the network’s own geocoder over the %s protocol', (protocol) => {
  let double: GeocoderDouble;
  const geocoder = (timeoutMs = 1500) =>
    cachedGeocoder(adapterFor({ url: double.url, protocol, timeoutMs }, 'https://switchboard.example.org'), timeoutMs);
  beforeAll(async () => {
    double = await startGeocoderDouble([CORNER, FAR]);
  });
  beforeEach(() => {
    double.requests.length = 0;
    double.setMode('ok');
  });
  afterAll(() => double.close());

  it('a hit gives the point and a short name; only the typed words, the language and the region are sent, as Switchboard', async () => {
    const found = await geocoder().find('net1', CORNER.q, 'so', REGION);
    expect(found).toEqual({ point: { lat: CORNER.lat, lng: CORNER.lng }, name: CORNER.name });
    expect(double.requests).toHaveLength(1);
    const [r] = double.requests;
    expect(r.userAgent).toMatch(/^Switchboard /);
    if (protocol === 'nominatim') {
      expect(r.path).toBe('/search');
      expect(Object.fromEntries(r.params)).toEqual({
        q: CORNER.q,
        format: 'jsonv2',
        limit: '1',
        'accept-language': 'so',
        viewbox: '-93.33,45.05,-93.19,44.89',
        bounded: '1',
      });
    } else {
      expect(r.path).toBe('/api');
      expect(Object.fromEntries(r.params)).toEqual({ q: CORNER.q, limit: '1', bbox: '-93.33,44.89,-93.19,45.05' });
    }
  });

  it('a miss is undefined, and is remembered; so is a hit', async () => {
    const g = geocoder();
    expect(await g.find('net1', 'nowhere at all', 'en', REGION)).toBeUndefined();
    expect(await g.find('net1', 'Nowhere  at all', 'en', REGION)).toBeUndefined();
    await g.find('net1', CORNER.q, 'en', REGION);
    await g.find('net1', CORNER.q, 'en', REGION);
    expect(double.requests).toHaveLength(2);
  });

  it('a hit outside the network’s region is no hit', async () => {
    expect(await geocoder().find('net1', FAR.q, 'en', REGION)).toBeUndefined();
    expect(await geocoder().find('net1', FAR.q, 'en', undefined)).toMatchObject({ name: FAR.name });
  });

  it('a geocoder that does not answer in time, answers 500 or sends garbage gives undefined, fast, and is asked again next time', async () => {
    for (const mode of ['hang', 'error', 'garbage'] as const) {
      double.setMode(mode);
      const g = geocoder(300);
      const started = Date.now();
      expect(await g.find('net1', CORNER.q, 'en', REGION), mode).toBeUndefined();
      expect(Date.now() - started, mode).toBeLessThan(1500);
      double.setMode('ok');
      // The failure was not cached: the geocoder is back, and so is the answer.
      expect(await g.find('net1', CORNER.q, 'en', REGION), mode).toMatchObject({ name: CORNER.name });
    }
  });
});
