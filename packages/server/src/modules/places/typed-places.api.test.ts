import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { twilioSignature } from '../public-intake/twilio-signature.ts';

const demoFile = (name: string) => readFileSync(new URL(`../../demo/gazetteer/${name}`, import.meta.url), 'utf8');
const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';

// The first hour of a network: most reports come with words, not GPS (no JavaScript, SMS, a call).
describe.each(DIALECTS)('reports placed from typed words on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let dispatcher: string;
  const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const incidents = async () =>
    (await call(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents as {
      id: string;
      version: number;
      point: { lat: number; lng: number } | null;
      placeName: string | null;
      areaName: string | null;
      locationText: string | null;
      reportCount: number;
    }[];
  const incidentWith = async (pred: (i: Awaited<ReturnType<typeof incidents>>[number]) => boolean) =>
    (await incidents()).find(pred);

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+16125550000' },
    });
    f = await seedFixture(t.deps);
    [admin, dispatcher] = await Promise.all([signIn(t.app, f.accounts.admin.email), signIn(t.app, f.accounts.dispatcher.email)]);
  });
  afterAll(() => t.close());

  it('imports a city’s neighbourhoods and corners; a dispatcher may not, and a bad file changes nothing', async () => {
    const denied = await call(dispatcher, 'POST', '/api/v1/networks/alpha/places/import', {
      geojson: demoFile('minneapolis-corners.geojson'),
      kind: 'intersection',
    });
    expect(denied.statusCode).toBe(403);
    const bad = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', { geojson: '{"type":"Point"}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('geojson_rejected');
    const areas = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', {
      geojson: demoFile('minneapolis-neighborhoods.geojson'),
    });
    expect(areas.json()).toEqual({ areas: 87, places: 0, skipped: 0 });
    const corners = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', {
      geojson: demoFile('minneapolis-corners.geojson'),
      kind: 'intersection',
    });
    expect(corners.statusCode).toBe(200);
    expect(corners.json().places).toBeGreaterThan(50);
    // Public: anyone may list areas to subscribe by name.
    const list = (await call(undefined, 'GET', '/api/v1/networks/alpha/areas')).json().areas as { name: string }[];
    expect(list.map((a) => a.name)).toContain('Phillips West');
  });

  it('a typed corner in Somali, with no point, is placed: point, place and neighbourhood in words', async () => {
    const res = await call(undefined, 'POST', '/api/v1/networks/alpha/reports', {
      category: 'checkpoint',
      locationText: 'Waddada Lake iyo Chicago',
      language: 'so',
    });
    expect(res.statusCode).toBe(201);
    const placed = await incidentWith((i) => i.locationText === 'Waddada Lake iyo Chicago');
    expect(placed?.placeName).toBe('Lake St & Chicago Ave');
    expect(placed?.areaName).toBe('Phillips West');
    expect(placed?.point?.lat).toBeCloseTo(44.9485, 3);
  });

  it('a second report of the same corner, written otherwise, joins the same incident', async () => {
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', {
      category: 'checkpoint',
      locationText: 'lake street & chicago ave',
    });
    const placed = (await incidents()).filter((i) => i.placeName === 'Lake St & Chicago Ave');
    expect(placed).toHaveLength(1);
    expect(placed[0].reportCount).toBe(2);
  });

  it('the no-JavaScript form places a typed corner the same way', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      payload: 'lang=es&category=traffic_stop&where=Calle+Lake+y+Avenida+Bloomington',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    const placed = await incidentWith((i) => i.locationText === 'Calle Lake y Avenida Bloomington');
    expect(placed?.placeName).toBe('Lake St & Bloomington Ave');
    expect(placed?.point?.lng).toBeCloseTo(-93.2526, 3);
  });

  it('an SMS naming a corner inside its text is placed too', async () => {
    const url = `${TEST_ORIGIN}/hooks/sms/twilio/alpha`;
    const params = {
      MessageSid: `SM${'a'.repeat(32)}`,
      AccountSid: 'AC0123',
      From: '+16125550177',
      To: '+16125550000',
      Body: 'Gaadiid ICE ah ayaa taagan Waddada Franklin iyo Nicollet hadda',
      NumMedia: '0',
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/hooks/sms/twilio/alpha',
      payload: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(AUTH_TOKEN, url, params),
      },
    });
    expect(res.statusCode).toBe(200);
    const placed = await incidentWith((i) => i.placeName === 'Franklin Ave & Nicollet Ave');
    expect(placed?.point?.lat).toBeCloseTo(44.9627, 3);
  });

  it('a GPS report (the sibling) is named by the neighbourhood its point lies in', async () => {
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', {
      category: 'staging',
      point: { lat: 44.956, lng: -93.268 },
    });
    const placed = await incidentWith((i) => i.point?.lat === 44.956);
    expect(placed?.areaName).toBe('Phillips West');
    expect(placed?.placeName).toBeNull();
  });

  it('words nobody can place: dispatch says the place is missing; the same words group; a dispatcher places it, then dispatch works', async () => {
    const words = 'behind the old grain elevator';
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', { category: 'home_raid', locationText: words });
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', {
      category: 'home_raid',
      locationText: 'Behind the old grain-elevator',
    });
    const unplaced = (await incidents()).filter((i) => i.locationText?.toLowerCase().startsWith('behind the old grain'));
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0].reportCount).toBe(2);
    expect(unplaced[0].point).toBeNull();

    const refused = await call(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${unplaced[0].id}/dispatches`, { count: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('location_missing');
    expect(refused.json().error.details.fields[0].path).toBe('/location');

    const found = (await call(dispatcher, 'GET', '/api/v1/networks/alpha/places?q=cedar%20%26%20riverside')).json().places;
    expect(found[0].name).toBe('Cedar Ave & Riverside Ave');
    const placedRes = await call(dispatcher, 'PUT', `/api/v1/networks/alpha/incidents/${unplaced[0].id}/location`, {
      placeId: found[0].id,
      version: unplaced[0].version,
    });
    expect(placedRes.statusCode).toBe(200);
    expect(placedRes.json()).toMatchObject({ placeName: 'Cedar Ave & Riverside Ave', areaName: 'Cedar Riverside' });
    const stale = await call(dispatcher, 'PUT', `/api/v1/networks/alpha/incidents/${unplaced[0].id}/location`, {
      point: { lat: 44.95, lng: -93.26 },
      version: unplaced[0].version,
    });
    expect(stale.statusCode).toBe(409);

    const dispatched = await call(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${unplaced[0].id}/dispatches`, {
      count: 1,
    });
    expect(dispatched.json().error?.code).not.toBe('location_missing');
  });

  it('a place id of another network, or none, is refused with the field named', async () => {
    const [one] = await incidents();
    const res = await call(dispatcher, 'PUT', `/api/v1/networks/alpha/incidents/${one.id}/location`, {
      placeId: '00000000-0000-4000-8000-000000000000',
      version: one.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('/placeId');
  });
});
