import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { sealPlaintextAll as sealPlaintext } from '../../modules.ts';
import { newId } from '../../platform/ids.ts';
import { twilioSignature } from '../public-intake/twilio-signature.ts';
import { areaOf } from './geo.ts';
import { purgeExpired } from './retention.service.ts';

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';

// What reporters said and where: none of it may be readable in the database without the key.
const TYPED = '2917 Seized Copy Avenue South';
const TYPED_WORDS = 'agents at the blue door of the laundromat';
const POINTED = { lat: 44.931977, lng: -93.218466 };
const POINTED_WORDS = 'two unmarked vans idling by the bakery';
const SMS_WORDS = 'ICE van parked outside 4410 Quietwater Lane';
const MOVED = { lat: 44.912345, lng: -93.234567 };
const MOVED_TEXT = '3800 Correction Court';
const SECRETS = [
  TYPED,
  TYPED_WORDS,
  POINTED_WORDS,
  SMS_WORDS,
  'Quietwater',
  'Seized Copy',
  'Correction Court',
  ...[POINTED, MOVED].flatMap((p) => [String(p.lat), String(p.lng), p.lat.toFixed(4), p.lng.toFixed(4)]),
];

/** Every value of every row of reports, incidents and incident_events, read with plain SQL. */
async function rawValues(t: TestApp): Promise<string[]> {
  const out: string[] = [];
  for (const table of ['reports', 'incidents', 'incident_events']) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.deps.database.db);
    for (const row of rows) for (const [column, value] of Object.entries(row)) out.push(`${table}.${column}=${String(value)}`);
  }
  return out;
}

const leaks = (values: string[], secrets: readonly string[]) => values.filter((v) => secrets.some((s) => v.includes(s)));

describe.each(DIALECTS)('reports and incidents sealed at rest on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/networks/alpha${url}`,
      headers: { cookie: dispatcher },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+16125550000' },
    });
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
  });
  afterAll(() => t.close());

  it('stores no typed address, description or coordinate in any column, while the API returns them all', async () => {
    const typed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      payload: { category: 'home_raid', locationText: TYPED, description: TYPED_WORDS },
    });
    expect(typed.statusCode, typed.body).toBe(201);
    // Two reports at one point: the second joins the first's incident (clustering opens the sealed point).
    for (const description of [POINTED_WORDS, 'second neighbour']) {
      const pointed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/reports',
        payload: { category: 'checkpoint', point: POINTED, description },
      });
      expect(pointed.statusCode, pointed.body).toBe(201);
    }
    const params = {
      MessageSid: `SM${'5'.repeat(32)}`,
      AccountSid: 'AC0123',
      From: '+16125550177',
      To: '+16125550000',
      Body: SMS_WORDS,
      NumMedia: '0',
    };
    const sms = await t.app.inject({
      method: 'POST',
      url: '/hooks/sms/twilio/alpha',
      payload: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, params),
      },
    });
    expect(sms.statusCode, sms.body).toBe(200);

    // The dispatcher sees everything, decrypted.
    const queue = (await api('GET', '/incidents')).json().incidents as {
      id: string;
      locationText: string | null;
      point: { lat: number; lng: number } | null;
      area: string | null;
      reportCount: number;
      version: number;
    }[];
    const atTyped = queue.find((i) => i.locationText === TYPED)!;
    const atPoint = queue.find((i) => i.point?.lat === POINTED.lat && i.point.lng === POINTED.lng)!;
    expect(atTyped).toBeTruthy();
    expect(atPoint).toMatchObject({ reportCount: 2, area: areaOf(POINTED) });
    const detail = (await api('GET', `/incidents/${atPoint.id}`)).json();
    expect(detail.reports.map((r: { description: string }) => r.description)).toEqual([POINTED_WORDS, 'second neighbour']);
    expect(detail.reports[0].point).toEqual(POINTED);
    const texts = [];
    for (const i of queue)
      texts.push(...(await api('GET', `/incidents/${i.id}`)).json().reports.map((r: { description: string }) => r.description));
    expect(texts).toEqual(expect.arrayContaining([TYPED_WORDS, SMS_WORDS]));

    // A dispatcher places the typed incident on the map: its old words go into the timeline, sealed.
    const placed = await api('PUT', `/incidents/${atTyped.id}/location`, {
      point: MOVED,
      locationText: MOVED_TEXT,
      version: atTyped.version,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({ point: MOVED, locationText: MOVED_TEXT });
    const timeline = (await api('GET', `/incidents/${atTyped.id}`)).json().timeline as { kind: string; detail: object }[];
    expect(timeline.find((e) => e.kind === 'placed')?.detail).toMatchObject({ from: TYPED });

    const values = await rawValues(t);
    expect(values.length).toBeGreaterThan(40);
    expect(leaks(values, SECRETS)).toEqual([]);
  });

  it('seals rows written before, once the key is loaded, and reads them the same', async () => {
    const db = t.deps.database.db;
    const networkId = f.networkId;
    const incidentId = newId();
    const reportId = newId();
    const now = t.clock.now().toISOString();
    const old = { lat: 44.987654, lng: -93.276543 };
    const legacy = ['1999 Legacy Plaintext Road', 'written before sealing', 'Old Mill Corner', '44.987654', '93.276543'];
    await db
      .insertInto('incidents')
      .values({
        id: incidentId,
        network_id: networkId,
        status: 'new',
        category: 'staging',
        location_text: legacy[0],
        lat: old.lat,
        lng: old.lng,
        cell: areaOf(old),
        place_name: legacy[2],
        report_count: 1,
        trusted_reports: 0,
        first_reported_at: now,
        last_reported_at: now,
        coarsened: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('reports')
      .values({
        id: reportId,
        network_id: networkId,
        incident_id: incidentId,
        source: 'web',
        category: 'staging',
        location_text: legacy[0],
        lat: old.lat,
        lng: old.lng,
        observed_at: now,
        description: legacy[1],
        language: 'en',
        receipt_code: 'LEGA-CY01',
        created_at: now,
      } as never)
      .execute();
    await db
      .insertInto('incident_events')
      .values({
        id: newId(),
        incident_id: incidentId,
        network_id: networkId,
        kind: 'placed',
        detail: JSON.stringify({ place: legacy[2], area: null, from: legacy[0] }),
        created_at: now,
      } as never)
      .execute();
    expect(leaks(await rawValues(t), legacy)).not.toEqual([]);

    // Read as they are before sealing...
    const before = (await api('GET', `/incidents/${incidentId}`)).json();
    expect(await sealPlaintext(t.deps)).toBe(3);
    expect(await sealPlaintext(t.deps)).toBe(0);
    expect(leaks(await rawValues(t), legacy)).toEqual([]);
    // ...and the same after.
    const after = (await api('GET', `/incidents/${incidentId}`)).json();
    expect(after.incident).toEqual(before.incident);
    expect(after.reports).toEqual(before.reports);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.incident).toMatchObject({ locationText: legacy[0], placeName: legacy[2], point: old });
    expect(after.reports[0]).toMatchObject({ description: legacy[1], point: old });
    expect(after.timeline[0].detail).toEqual({ place: legacy[2], area: null, from: legacy[0] });
  });

  it('refuses a report it would have to seal with a clear 503 sealed while the key is not loaded', async () => {
    t.deps.keyring.seal();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      payload: { category: 'home_raid', locationText: 'While Sealed Street', description: 'nothing in clear' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('sealed');
    expect(leaks(await rawValues(t), ['While Sealed Street', 'nothing in clear'])).toEqual([]);
  });

  it('still applies retention while sealed: raw reports go, old incidents keep only their coarse cell', async () => {
    t.clock.advance(8 * 86_400_000);
    const purged = await purgeExpired(t.deps);
    expect(purged.reportsDeleted).toBeGreaterThan(0);
    expect(purged.incidentsCoarsened).toBeGreaterThan(0);
    const incidents = await t.deps.database.db
      .selectFrom('incidents')
      .select(['point_enc', 'location_text_enc', 'lat', 'location_text', 'cell', 'coarsened'])
      .where('coarsened', '=', 1)
      .execute();
    expect(incidents.length).toBe(purged.incidentsCoarsened);
    for (const i of incidents)
      expect([i.point_enc, i.location_text_enc, i.lat, i.location_text]).toEqual([null, null, null, null]);
    expect(incidents.filter((i) => i.cell).length).toBeGreaterThan(0);
  });
});
