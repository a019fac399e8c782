import { randomBytes } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import type { Deps } from '../../platform/context.ts';
import { certify, makeCourse } from '../shifts/shifts.test-support.ts';
import { extendRideHorizon, purgeRideAddresses, sendRideReminders } from './index.ts';
import { renderRideReminder } from './rides-reminders.ts';
import { caller, fileRide, memberIn, RIDES, rideBody } from './rides.test-support.ts';

const START = new Date('2026-11-29T12:00:00Z');

/** Deps whose database counts the statements run through it. */
function counting(deps: Deps): { deps: Deps; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { deps: { ...deps, database: { ...deps.database, db: deps.database.db.withPlugin(plugin) } }, count: () => n };
}

/** Reminders, recurring check-ins and the driver's feed: the rides' jobs and what leaves the server. */
describe.each(DIALECTS)('care ride jobs on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coordA: string;
  let driver: string;
  let course: string;
  let companion: { id: string; cookie: string };
  const master = randomBytes(32);

  /** Sign in again at the clock's time (sessions age with the fake clock). */
  const fresh = () => signIn(t.app, f.accounts.org_coordinator.email);
  async function assigned(extra: object = {}) {
    const id = await fileRide(t, coordA, { accompanierRequired: true, accompanierCourseId: course, ...extra });
    for (const [path, body] of [
      ['claim', { organizationId: f.orgA }],
      ['assign', { role: 'driver', accountId: f.accounts.driver.id }],
      ['assign', { role: 'accompanier', accountId: companion.id }],
    ] as const)
      expect((await call(coordA, 'POST', `${RIDES}/${id}/${path}`, body)).statusCode).toBe(200);
    return id;
  }
  async function rideNotices(rideId: string) {
    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['payload_enc', 'dedupe_key', 'channel', 'recipient_enc'])
      .where('dedupe_key', 'like', `care-ride:reminder:${rideId}:%`)
      .execute();
    return rows.map((r) => ({
      key: r.dedupe_key,
      to: t.deps.keyring.decrypt('contact', r.recipient_enc),
      payload: JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)),
    }));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.deps.keyring.load(master);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    coordA = await signIn(t.app, f.accounts.org_coordinator.email);
    driver = await signIn(t.app, f.accounts.driver.email);
    course = await makeCourse(t, f.networkId, 'court-accompaniment', 'Court accompaniment');
    companion = await memberIn(t, f, f.orgA, 'companion', ['legal_observer']);
    await certify(t, f.networkId, companion.id, course, null);
  });
  afterAll(() => t.close());

  it('queues each reminder once, 24 h and 1 h before, to the driver and the accompanier, with no address', async () => {
    const id = await assigned({ date: '2026-12-02' });
    const starts = new Date('2026-12-02T15:00:00Z').getTime();
    try {
      t.clock.set(new Date(starts - 25 * 3_600_000));
      await sendRideReminders(t.deps);
      expect(await rideNotices(id)).toHaveLength(0);
      t.clock.set(new Date(starts - 24 * 3_600_000 + 60_000));
      expect(await sendRideReminders(t.deps)).toBeGreaterThan(0);
      await sendRideReminders(t.deps);
      t.clock.set(new Date(starts - 23 * 3_600_000));
      await sendRideReminders(t.deps);
      const day = await rideNotices(id);
      expect(day.map((n) => n.payload.minutes)).toEqual(day.map(() => 1440));
      expect(new Set(day.map((n) => n.payload.role))).toEqual(new Set(['driver', 'accompanier']));
      expect(day.length).toBe(new Set(day.map((n) => n.key)).size);
      const perDay = day.length;

      t.clock.set(new Date(starts - 59 * 60_000));
      await sendRideReminders(t.deps);
      await sendRideReminders(t.deps);
      t.clock.set(new Date(starts - 5 * 60_000));
      await sendRideReminders(t.deps);
      const all = await rideNotices(id);
      expect(all.filter((n) => n.payload.minutes === 60)).toHaveLength(perDay);
      expect(all).toHaveLength(2 * perDay);
      expect(all.map((n) => n.to)).toContain(f.accounts.driver.email);
      for (const n of all) {
        const text = renderRideReminder(n.payload, n.to, 'https://sb.test').text;
        expect(text).toMatch(/court hearing|corte|maxkamad|hais plaub|محكمة/);
        expect(`${text} ${JSON.stringify(n.payload)}`).not.toMatch(/Cedar Avenue|Government Center|555 0123/);
      }
      // After the start, nothing more.
      t.clock.set(new Date(starts + 60_000));
      await sendRideReminders(t.deps);
      expect(await rideNotices(id)).toHaveLength(2 * perDay);
    } finally {
      t.clock.set(START);
    }
  });

  it('materializes a weekly check-in in the network’s zone up to the horizon, across a DST change, and extends it once', async () => {
    try {
      t.clock.set(new Date('2027-02-20T18:00:00Z'));
      const coord = await fresh();
      const res = await call(
        coord,
        'POST',
        RIDES,
        rideBody({ kind: 'immigration_checkin', date: '2027-03-02', rrule: 'FREQ=WEEKLY;BYDAY=TU' }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const trips = res.json().rides as { date: string; windowStart: string; recurring: boolean }[];
      // 56 days from Feb 20: every Tuesday from Mar 2 to Apr 13.
      expect(trips.map((r) => r.date)).toEqual([
        '2027-03-02',
        '2027-03-09',
        '2027-03-16',
        '2027-03-23',
        '2027-03-30',
        '2027-04-06',
        '2027-04-13',
      ]);
      expect(trips.every((r) => r.recurring)).toBe(true);
      // 09:00 local both sides of March 14: CST then CDT.
      expect(trips[0].windowStart).toBe('2027-03-02T15:00:00.000Z');
      expect(trips[1].windowStart).toBe('2027-03-09T15:00:00.000Z');
      expect(trips[2].windowStart).toBe('2027-03-16T14:00:00.000Z');

      t.clock.set(new Date('2027-03-06T18:00:00Z'));
      expect(await extendRideHorizon(t.deps)).toBe(2);
      expect(await extendRideHorizon(t.deps)).toBe(0);
      const count = await t.deps.database.db
        .selectFrom('care_rides')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('ride_request_id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(9);
    } finally {
      t.clock.set(START);
    }
  });

  it('gives the driver a calendar feed of their rides without addresses; 503 while sealed; gone once revoked', async () => {
    const id = await assigned({ date: '2026-12-03' });
    const refused = await call(undefined, 'POST', '/api/v1/networks/alpha/care/ride-feed');
    expect(refused.statusCode).toBe(401);
    const made = await call(driver, 'POST', '/api/v1/networks/alpha/care/ride-feed');
    expect(made.statusCode).toBe(200);
    expect(made.json()).toMatchObject({
      active: true,
      url: expect.stringMatching(/\/api\/v1\/care\/ride-calendar\/[\w-]+\.ics$/),
    });
    const url = new URL(made.json().url).pathname;
    const feed = await t.app.inject({ method: 'GET', url });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain(`UID:ride-${id}@switchboard`);
    expect(feed.body).toContain('SUMMARY:Ride: court hearing (driver)');
    expect(feed.body).toContain('DTSTART:20261203T150000Z');
    expect(feed.body).not.toMatch(/LOCATION|Cedar Avenue|Government Center|555 0123/);
    // The accompanier's own feed has the same ride, as accompanier; nobody else's has it.
    const theirs = await call(companion.cookie, 'POST', '/api/v1/networks/alpha/care/ride-feed');
    const accompanying = await t.app.inject({ method: 'GET', url: new URL(theirs.json().url).pathname });
    expect(accompanying.body).toContain('(accompanier)');

    t.deps.keyring.seal();
    const sealed = await t.app.inject({ method: 'GET', url });
    expect(sealed.statusCode).toBe(503);
    expect(sealed.json().error.code).toBe('sealed');
    t.deps.keyring.load(Buffer.from(master));

    expect((await call(driver, 'DELETE', '/api/v1/networks/alpha/care/ride-feed')).json()).toMatchObject({ active: false });
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('empties a ride’s addresses and contact 30 days after it closed, keeps them before, and keeps a running check-in’s', async () => {
    const id = await fileRide(t, coordA, { date: '2026-12-04' });
    const weekly = (await call(coordA, 'POST', RIDES, rideBody({ rrule: 'FREQ=WEEKLY;COUNT=2' }))).json().id as string;
    for (const [path, body] of [
      ['claim', { organizationId: f.orgA }],
      ['assign', { role: 'driver', accountId: f.accounts.driver.id }],
      ['progress', { status: 'picked_up' }],
      ['progress', { status: 'completed' }],
      ['progress', { status: 'closed' }],
    ] as const)
      expect((await call(coordA, 'POST', `${RIDES}/${id}/${path}`, body)).statusCode).toBe(200);
    const secretsOf = async (rideId: string) => {
      const ride = await t.deps.database.db
        .selectFrom('care_rides')
        .select('ride_request_id')
        .where('id', '=', rideId)
        .executeTakeFirst();
      return t.deps.database.db
        .selectFrom('care_ride_requests')
        .select(['pickup_enc', 'dropoff_enc', 'contact_enc'])
        .where('id', '=', ride?.ride_request_id ?? rideId)
        .executeTakeFirstOrThrow();
    };
    try {
      t.clock.set(new Date(START.getTime() + 29 * 86_400_000));
      await purgeRideAddresses(t.deps);
      expect(Object.values(await secretsOf(id)).every((v) => v !== null)).toBe(true);
      t.clock.set(new Date(START.getTime() + 31 * 86_400_000));
      expect((await purgeRideAddresses(t.deps)).careRideAddressesPurged).toBeGreaterThanOrEqual(1);
      expect(Object.values(await secretsOf(id))).toEqual([null, null, null]);
      expect(Object.values(await secretsOf(weekly)).every((v) => v !== null)).toBe(true);
      const coord = await fresh();
      expect((await call(coord, 'GET', `${RIDES}/${id}/address`)).statusCode).toBe(404);
    } finally {
      t.clock.set(START);
    }
  });

  it('sends the reminders of one ride or of many with the same number of queries', async () => {
    const at = async (date: string, n: number) => {
      for (let i = 0; i < n; i++) await assigned({ date });
      t.clock.set(new Date(`${date}T14:30:00Z`));
      const c = counting(t.deps);
      const queued = await sendRideReminders(c.deps);
      t.clock.set(START);
      return { queued, queries: c.count() };
    };
    const one = await at('2026-12-20', 1);
    const many = await at('2026-12-21', 6);
    expect(one.queued).toBeGreaterThan(0);
    expect(many.queued).toBe(6 * one.queued);
    expect(many.queries).toBe(one.queries);
  });
});
