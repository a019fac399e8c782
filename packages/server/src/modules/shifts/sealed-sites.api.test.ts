import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { sealPlaintextAll } from '../../modules.ts';
import { caller, makeShift, makeSite, occurrenceOn } from './shifts.test-support.ts';

// Issue 10, item 2: a watch site's address and exact point, and where a training meets, are not
// stored in plaintext; the API, the site page and calendar feeds still show them.
const ADDRESS = '4108 Distinctive Cedar Ave S, Minneapolis';
const PLACE = 'St. Distinctive Church basement, 3120 Oakland Ave';
const LAT = 44.9331234;
const LNG = -93.2477654;

/** Every value of every row of every table, as text: what a seized disk would show. */
async function everyStoredValue(t: TestApp): Promise<string> {
  const parts: string[] = [];
  for (const table of await t.deps.database.db.introspection.getTables()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.deps.database.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n').toLowerCase();
}

describe.each(DIALECTS)('sites and training places at rest on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coord: string;
  let trainer: string;
  let call: ReturnType<typeof caller>;
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    [coord, trainer] = await Promise.all([f.accounts.org_coordinator, f.accounts.trainer].map((a) => signIn(t.app, a.email)));
  });
  afterAll(() => t.close());

  it('stores no site address, point or training place in plaintext; the API and the feed show them', async () => {
    const site = await makeSite(t.app, f, coord, { address: ADDRESS, lat: LAT, lng: LNG });
    const series = await makeShift(t.app, f, coord, site.id);
    await occurrenceOn(t, series.id, '2026-12-02');
    const course = await call(trainer, 'POST', `${base}/training/courses`, { key: 'kyr-at-rest', name: 'Know your rights' });
    expect(course.statusCode, course.body).toBe(200);
    const session = await call(trainer, 'POST', `${base}/training/sessions`, {
      courseId: course.json().id,
      startsAtLocal: '2027-01-10T18:00',
      endsAtLocal: '2027-01-10T20:00',
      language: 'en',
      place: PLACE,
      capacity: 10,
    });
    expect(session.statusCode, session.body).toBe(200);

    const stored = await everyStoredValue(t);
    for (const secret of [ADDRESS, 'distinctive cedar', PLACE, 'oakland ave', String(LAT), String(LNG)])
      expect(stored).not.toContain(secret.toLowerCase());

    const detail = (await call(coord, 'GET', `${base}/sites/${site.id}`)).json();
    expect(detail).toMatchObject({ address: ADDRESS, lat: LAT, lng: LNG });
    const read = (await call(trainer, 'GET', `${base}/training/sessions/${session.json().id}`)).json();
    expect(read).toMatchObject({ place: PLACE });
    const feed = (await call(coord, 'POST', `${base}/sites/${site.id}/calendar-feed`)).json().url as string;
    const ics = await t.app.inject({ method: 'GET', url: new URL(feed).pathname });
    expect(ics.statusCode).toBe(200);
    expect(ics.body.replace(/\r\n /g, '').replace(/\\,/g, ',')).toContain(ADDRESS);
  });

  it('seals site and place plaintext left from before the migration', async () => {
    const site = await makeSite(t.app, f, coord);
    const session = (await t.deps.database.db.selectFrom('training_sessions').select('id').executeTakeFirstOrThrow()).id;
    // As rows stood before 2026-12-04T0013.
    await t.deps.database.db
      .updateTable('sites')
      .set({ address: '77 Old Plain Street', lat: 44.9, lng: -93.2, address_enc: null, point_enc: null })
      .where('id', '=', site.id)
      .execute();
    await t.deps.database.db
      .updateTable('training_sessions')
      .set({ place: 'Old plain hall', place_enc: null })
      .where('id', '=', session)
      .execute();
    expect((await call(coord, 'GET', `${base}/sites/${site.id}`)).json()).toMatchObject({ address: '77 Old Plain Street' });
    expect(await sealPlaintextAll(t.deps)).toBeGreaterThanOrEqual(2);
    const stored = await everyStoredValue(t);
    expect(stored).not.toContain('old plain street');
    expect(stored).not.toContain('old plain hall');
    expect((await call(coord, 'GET', `${base}/sites/${site.id}`)).json()).toMatchObject({
      address: '77 Old Plain Street',
      lat: 44.9,
      lng: -93.2,
    });
    expect((await call(trainer, 'GET', `${base}/training/sessions/${session}`)).json()).toMatchObject({
      place: 'Old plain hall',
    });
  });
});
