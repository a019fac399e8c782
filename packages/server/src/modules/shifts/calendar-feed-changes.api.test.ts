import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, makeShift, makeSite, occurrenceOn } from './shifts.test-support.ts';

const DAY = 86_400_000;

// Calendar apps keep what they have unless SEQUENCE / LAST-MODIFIED say it changed, and drop a
// date only when told it is CANCELLED; read here with an independent parser (node-ical).
describe.each(DIALECTS)('calendar feeds announce changes on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coord: string;
  let observer: string;
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    [coord, observer] = await Promise.all(
      [f.accounts.org_coordinator, f.accounts.legal_observer].map((a) => signIn(t.app, a.email)),
    );
  });
  afterAll(() => t.close());

  /** The feed's events by UID, parsed by node-ical. */
  const read = async (url: string): Promise<Record<string, VEvent>> => {
    const res = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(res.statusCode).toBe(200);
    const events = Object.values(ical.sync.parseICS(res.body)).filter((e) => e?.type === 'VEVENT') as VEvent[];
    return Object.fromEntries(events.map((e) => [e.uid, e]));
  };
  const sequenceOf = (e: VEvent) => Number(e.sequence ?? 0);

  it('a series edit bumps SEQUENCE and LAST-MODIFIED under the same UID; a skipped date stays as CANCELLED for 30 days', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id);
    const [wed, thu, later] = await Promise.all(
      ['2026-12-02', '2026-12-03', '2026-12-10'].map((d) => occurrenceOn(t, series.id, d)),
    );
    for (const occ of [wed, thu, later])
      expect((await call(observer, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`)).statusCode).toBe(200);
    const mine = (await call(observer, 'POST', `${base}/calendar-feed`)).json().url as string;
    const ofSite = (await call(coord, 'POST', `${base}/sites/${site.id}/calendar-feed`)).json().url as string;

    const before = await read(mine);
    const uid = (id: string) => `${id}@switchboard`;
    expect(Object.keys(before)).toEqual(expect.arrayContaining([uid(wed), uid(thu), uid(later)]));
    const firstModified = before[uid(wed)].lastmodified;
    expect(firstModified).toBeInstanceOf(Date);
    expect(before[uid(wed)].status).toBe('CONFIRMED');

    // An hour later the coordinator moves the shift to 09:00 from Tuesday on.
    t.clock.advance(3600_000);
    const editedAt = t.clock.now();
    const edit = await call(coord, 'PUT', `${base}/shift-series/${series.id}`, {
      fromDate: '2026-12-01',
      title: 'School drop-off',
      startTime: '09:00',
      endTime: '10:00',
      slots: [{ id: series.slots[0].id, peopleNeeded: 1 }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // From Tuesday on the dates belong to the continuing series.
    const continued = edit.json().series.id as string;
    const edited = await read(mine);
    const e = edited[uid(wed)];
    expect(new Date(e.start).toISOString()).toBe('2026-12-02T15:00:00.000Z'); // 09:00 in Chicago
    expect(sequenceOf(e)).toBeGreaterThan(sequenceOf(before[uid(wed)]));
    expect(e.lastmodified!.getTime()).toBe(Math.floor(editedAt.getTime() / 1000) * 1000);
    expect(e.lastmodified!.getTime()).toBeGreaterThan(firstModified!.getTime());

    // Thursday is skipped: it stays in both feeds, same UID, CANCELLED, a higher SEQUENCE.
    t.clock.advance(3600_000);
    expect((await call(coord, 'POST', `${base}/shift-series/${continued}/exceptions`, { date: '2026-12-03' })).statusCode).toBe(
      200,
    );
    expect((await call(coord, 'POST', `${base}/shift-series/${continued}/exceptions`, { date: '2026-12-10' })).statusCode).toBe(
      200,
    );
    for (const url of [mine, ofSite]) {
      const skipped = (await read(url))[uid(thu)];
      expect(skipped, url).toBeDefined();
      expect(skipped.status).toBe('CANCELLED');
      expect(sequenceOf(skipped)).toBeGreaterThan(sequenceOf(edited[uid(thu)]));
    }
    // Put back: CONFIRMED again, and newer still.
    const cancelled = (await read(mine))[uid(later)];
    expect(
      (await call(coord, 'POST', `${base}/shift-series/${continued}/exceptions`, { date: '2026-12-10', remove: true }))
        .statusCode,
    ).toBe(200);
    const restored = (await read(mine))[uid(later)];
    expect(restored.status).toBe('CONFIRMED');
    expect(sequenceOf(restored)).toBeGreaterThan(sequenceOf(cancelled));

    // Skipped again, and 31 days on (the date itself still in the feed's window) it is no longer listed.
    expect((await call(coord, 'POST', `${base}/shift-series/${continued}/exceptions`, { date: '2026-12-10' })).statusCode).toBe(
      200,
    );
    t.clock.advance(10 * DAY);
    expect((await read(mine))[uid(later)]?.status).toBe('CANCELLED');
    t.clock.advance(21 * DAY);
    expect((await read(mine))[uid(later)]).toBeUndefined();
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it("a site's feed links to the site's page; a person's to their shifts", async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id);
    await call(
      observer,
      'POST',
      `${base}/shifts/${await occurrenceOn(t, series.id, '2026-12-01')}/slots/${series.slots[0].id}/signup`,
    );
    const ofSite = await read((await call(coord, 'POST', `${base}/sites/${site.id}/calendar-feed`)).json().url);
    const mine = await read((await call(observer, 'POST', `${base}/calendar-feed`)).json().url);
    // node-ical gives a URL with parameters (VALUE=URI) as { params, val }.
    const urlOf = (e: VEvent) => {
      const u = e.url as unknown as string | { val: string };
      return typeof u === 'string' ? u : u.val;
    };
    const urls = (events: Record<string, VEvent>) => [...new Set(Object.values(events).map(urlOf))];
    expect(urls(ofSite)).toEqual([`${TEST_ORIGIN}/n/alpha/sites/${site.id}`]);
    expect(urls(mine)).toEqual([`${TEST_ORIGIN}/n/alpha/shifts/mine`]);
  });
});
