import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { certify, makeCourse } from '../shifts/shifts.test-support.ts';
import { caller, fileRide, memberIn, RIDES, rideBody } from './rides.test-support.ts';

describe.each(DIALECTS)('care rides on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driver: string;
  let outsider: string;
  let watcher: string;
  let course: string;
  let certified: { id: string; cookie: string };
  let uncertified: { id: string; cookie: string };

  const claim = (cookie: string, rideId: string, organizationId = f.orgA) =>
    call(cookie, 'POST', `${RIDES}/${rideId}/claim`, { organizationId });
  const assign = (cookie: string, rideId: string, role: 'driver' | 'accompanier', accountId?: string) =>
    call(cookie, 'POST', `${RIDES}/${rideId}/assign`, accountId ? { role, accountId } : { role });
  const progress = (cookie: string, rideId: string, status: string) =>
    call(cookie, 'POST', `${RIDES}/${rideId}/progress`, { status });
  const address = (cookie: string, rideId: string) => call(cookie, 'GET', `${RIDES}/${rideId}/address`);
  /** A court ride needing an accompanier, claimed by A, with A's driver at the wheel. */
  async function courtRide(extra: object = {}) {
    const id = await fileRide(t, coordA, { accompanierRequired: true, accompanierCourseId: course, ...extra });
    expect((await claim(coordA, id)).statusCode).toBe(200);
    expect((await assign(coordA, id, 'driver', f.accounts.driver.id)).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    [admin, coordA, coordB, driver, outsider, watcher] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver', 'outsider', 'watch_volunteer'] as const).map((p) =>
        signIn(t.app, f.accounts[p].email),
      ),
    );
    course = await makeCourse(t, f.networkId, 'court-accompaniment', 'Court accompaniment');
    certified = await memberIn(t, f, f.orgA, 'certified', ['legal_observer']);
    uncertified = await memberIn(t, f, f.orgA, 'uncertified', ['legal_observer']);
    await certify(t, f.networkId, certified.id, course, null);
    // The demo gazetteer: typed pickups become a neighbourhood through places' face.
    for (const file of ['minneapolis-neighborhoods.geojson', 'minneapolis-corners.geojson']) {
      const geojson = readFileSync(new URL(`../../demo/gazetteer/${file}`, import.meta.url), 'utf8');
      const res = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', {
        geojson,
        ...(file.includes('corners') ? { kind: 'intersection' } : {}),
      });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('refuses without a session (401), outside the network or role (403), and bad input (400) with stable codes', async () => {
    const ride = newId();
    expect((await call(undefined, 'POST', RIDES, rideBody())).statusCode).toBe(401);
    expect((await call(undefined, 'GET', RIDES)).statusCode).toBe(401);
    expect((await call(undefined, 'GET', `${RIDES}/${ride}/address`)).statusCode).toBe(401);
    expect((await call(undefined, 'POST', `${RIDES}/${ride}/assign`, { role: 'driver' })).statusCode).toBe(401);
    expect((await call(outsider, 'POST', RIDES, rideBody())).statusCode).toBe(403);
    expect((await call(outsider, 'GET', RIDES)).statusCode).toBe(403);
    expect((await call(watcher, 'GET', RIDES)).statusCode).toBe(403);
    for (const [bad, code] of [
      [{ kind: 'airport' }, 'validation_failed'],
      [{ pickup: '' }, 'validation_failed'],
      [{ windowStart: '25:00' }, 'validation_failed'],
      [{ passengers: 0 }, 'validation_failed'],
      [{ pickupPoint: { lat: 91, lng: 0 } }, 'validation_failed'],
      [{ accompanierRequired: true }, 'validation_failed'],
      [{ accompanierRequired: true, accompanierCourseId: newId() }, 'validation_failed'],
      [{ date: '2026-11-01' }, 'validation_failed'],
      [{ rrule: 'FREQ=HOURLY' }, 'invalid_recurrence'],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'invalid_recurrence'],
      // A rule that never happens on or after its date.
      [{ rrule: 'FREQ=WEEKLY;UNTIL=20261115' }, 'invalid_recurrence'],
    ] as const) {
      const res = await call(coordA, 'POST', RIDES, rideBody(bad), { 'accept-language': 'hmn' });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const id = await fileRide(t, coordA);
    expect((await claim(coordA, id)).statusCode).toBe(200);
    const notDriver = await assign(coordA, id, 'driver', certified.id);
    expect(notDriver.statusCode).toBe(400);
    expect(notDriver.json().error.code).toBe('driver_not_member');
    const otherOrg = await assign(coordA, id, 'accompanier', f.accounts.coordinator_b.id);
    expect(otherOrg.statusCode).toBe(400);
    expect(otherOrg.json().error.code).toBe('accompanier_not_member');
    // Only A's coordinators assign someone else; B's coordinator cannot touch A's ride.
    expect((await assign(coordB, id, 'driver', f.accounts.driver.id)).statusCode).toBe(403);
    expect((await assign(driver, id, 'driver', f.accounts.driver.id)).statusCode).toBe(200);
    expect((await progress(coordA, id, 'flying')).statusCode).toBe(400);
    expect((await claim(coordB, id, f.orgB)).json().error.code).toBe('task_taken');
  });

  it('lists a typed pickup with no point by its coarse area only, and keeps it sealed on disk', async () => {
    const pickup = 'Lake St & Chicago Ave, 2nd floor rear';
    const res = await call(coordA, 'POST', RIDES, rideBody({ pickup, returnTrip: true, returnTime: '12:30', childSeats: 2 }));
    expect(res.statusCode).toBe(201);
    const [trip] = res.json().rides;
    expect(trip).toMatchObject({ kind: 'court_hearing', status: 'open', date: '2026-12-01', childSeats: 2, returnTime: '12:30' });
    // No point given: the gazetteer found the corner, and only its resolution-8 cell and neighbourhood are kept.
    expect(trip.area.name).toEqual(expect.any(String));
    expect(trip.area.cell).toMatch(/^88[0-9a-f]{13}$/);
    // 09:00 in Minneapolis (CST) is 15:00 UTC.
    expect(trip.windowStart).toBe('2026-12-01T15:00:00.000Z');
    for (const cookie of [driver, coordB, admin]) {
      const list = await call(cookie, 'GET', RIDES);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('2nd floor rear');
      expect(list.body).not.toContain('Government Center');
      expect(list.body).not.toContain('555 0123');
      expect(list.json().rides.some((r: { id: string }) => r.id === trip.id)).toBe(true);
    }
    const row = await t.deps.database.db
      .selectFrom('care_ride_requests')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/Chicago Ave|floor rear|Government Center|555 0123/);
    // A day after the trip ended it leaves the list, so past rides never crowd out coming ones.
    const before = t.clock.now();
    try {
      t.clock.set(new Date('2026-12-02T16:30:00Z'));
      const later = await call(await signIn(t.app, f.accounts.driver.email), 'GET', RIDES);
      expect(later.json().rides.some((r: { id: string }) => r.id === trip.id)).toBe(false);
    } finally {
      t.clock.set(before);
    }
  });

  it('refuses an uncertified accompanier, takes a certified one, and reveals the addresses only to the ride’s people', async () => {
    const id = await courtRide();
    const refused = await assign(coordA, id, 'accompanier', uncertified.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('not_certified');
    expect((await assign(coordA, id, 'accompanier', certified.id)).json().accompanierAccountId).toBe(certified.id);

    const body = await address(driver, id);
    expect(body.statusCode).toBe(200);
    expect(body.headers['cache-control']).toBe('no-store');
    expect(body.json()).toMatchObject({ dropoff: expect.stringContaining('Government Center'), contact: '+1 612 555 0123' });
    expect((await address(certified.cookie, id)).statusCode).toBe(200);
    expect((await address(coordA, id)).statusCode).toBe(200);
    for (const cookie of [uncertified.cookie, coordB, admin, outsider, watcher])
      expect([403, 404]).toContain((await address(cookie, id)).statusCode);
    const reads = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'care.ride.address.read')
      .where('target_id', '=', id)
      .execute();
    expect(reads.map((r) => r.actor_id).sort()).toEqual(
      [f.accounts.driver.id, certified.id, f.accounts.org_coordinator.id].sort(),
    );

    expect((await progress(driver, id, 'picked_up')).json().status).toBe('picked_up');
    expect((await progress(driver, id, 'completed')).json().status).toBe('completed');
    // The trip ended: driver and accompanier lose the addresses at once; the coordinator keeps them.
    expect((await address(driver, id)).statusCode).toBe(403);
    expect((await address(certified.cookie, id)).statusCode).toBe(403);
    expect((await address(coordA, id)).statusCode).toBe(200);
  });

  it('a replaced accompanier loses the addresses at once', async () => {
    const other = await memberIn(t, f, f.orgA, 'other-certified', ['watch_volunteer']);
    await certify(t, f.networkId, other.id, course, null);
    const id = await courtRide();
    await assign(coordA, id, 'accompanier', certified.id);
    expect((await address(certified.cookie, id)).statusCode).toBe(200);
    expect((await assign(coordA, id, 'accompanier', other.id)).statusCode).toBe(200);
    expect((await address(certified.cookie, id)).statusCode).toBe(403);
    expect((await address(other.cookie, id)).statusCode).toBe(200);
  });

  it('checks the certification again at pickup: one that expired since the assignment refuses with not_certified', async () => {
    const lapsing = await memberIn(t, f, f.orgA, 'lapsing', ['legal_observer']);
    // Valid now (Nov 29), expired before the ride (Dec 1, 15:00 UTC).
    await certify(t, f.networkId, lapsing.id, course, new Date('2026-11-30T12:00:00Z'));
    const id = await courtRide();
    expect((await assign(coordA, id, 'accompanier', lapsing.id)).statusCode).toBe(200);
    const missing = await courtRide();
    const before = t.clock.now();
    try {
      t.clock.set(new Date('2026-12-01T14:50:00Z'));
      const atRide = await signIn(t.app, f.accounts.driver.email);
      const refused = await progress(atRide, id, 'picked_up');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('not_certified');
      const none = await progress(atRide, missing, 'picked_up');
      expect(none.statusCode).toBe(409);
      expect(none.json().error).toMatchObject({ code: 'accompanier_missing', message: expect.stringContaining('accompanier') });
      // A certified accompanier put in instead: the ride goes.
      const coord = await signIn(t.app, f.accounts.org_coordinator.email);
      expect((await assign(coord, id, 'accompanier', certified.id)).statusCode).toBe(200);
      expect((await progress(atRide, id, 'picked_up')).statusCode).toBe(200);
    } finally {
      t.clock.set(new Date(before.getTime()));
    }
  });

  it('of two organizations claiming the same ride at once, exactly one wins', async () => {
    for (let i = 0; i < 3; i++) {
      const id = await fileRide(t, coordA);
      const [a, b] = await Promise.all([claim(coordA, id, f.orgA), claim(coordB, id, f.orgB)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('task_taken');
    }
  });
});
