import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import type { Deps } from '../../platform/context.ts';
import { reportNoShows, sendReminders } from './index.ts';
import { caller, makeShift, makeSite, occurrenceOn, shiftNotices } from './shifts.test-support.ts';

/** Deps whose database counts the statements run through it (transactions included). */
function counting(deps: Deps): { deps: Deps; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const database = { ...deps.database, db: deps.database.db.withPlugin(plugin) };
  return { deps: { ...deps, database }, count: () => n };
}

/** The jobs run every minute over every network: their query count must not grow with the rows due. */
describe.each(DIALECTS)('shift jobs on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coord: string;
  let people: string[];
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    coord = await signIn(t.app, f.accounts.org_coordinator.email);
    people = await Promise.all(
      [f.accounts.watch_volunteer, f.accounts.driver, f.accounts.responder].map((a) => signIn(t.app, a.email)),
    );
  });
  afterAll(() => t.close());

  /** A one-off shift at a new site on a date, with `who` signed up. */
  async function shiftWith(date: string, who: string[]) {
    // Made before the shift, while the test sessions are live.
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: date, rrule: undefined, slots: [{ peopleNeeded: 3 }] });
    const occ = await occurrenceOn(t, series.id, date);
    for (const cookie of who) await call(cookie, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`);
    return site;
  }

  it('sends reminders for one sign-up or many with the same number of queries', async () => {
    await shiftWith('2026-12-14', people.slice(0, 1));
    t.clock.set(new Date('2026-12-14T12:45:00Z'));
    const one = counting(t.deps);
    await sendReminders(one.deps);
    await shiftWith('2026-12-14', people);
    t.clock.set(new Date('2026-12-14T12:45:00Z'));
    const many = counting(t.deps);
    await sendReminders(many.deps);
    expect(many.count()).toBe(one.count());
    const reminders = (await shiftNotices(t)).filter((n) => n.kind === 'reminder' && n.startsAt === '2026-12-14T13:30:00.000Z');
    expect(reminders.length).toBe(4 * reminders.filter((n) => n.to === f.accounts.responder.email).length);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it('reports no-shows of one shift or several with the same number of queries, each shift once', async () => {
    const first = await shiftWith('2026-12-15', people.slice(0, 1));
    t.clock.set(new Date('2026-12-15T14:00:00Z'));
    const one = counting(t.deps);
    await reportNoShows(one.deps);
    const second = await shiftWith('2026-12-16', people.slice(0, 2));
    const third = await shiftWith('2026-12-16', people);
    t.clock.set(new Date('2026-12-16T14:00:00Z'));
    const many = counting(t.deps);
    await reportNoShows(many.deps);
    await reportNoShows(t.deps);
    expect(many.count()).toBe(one.count());
    const noShows = (await shiftNotices(t)).filter((n) => n.kind === 'noShow');
    const at = (site: { name: string }) => noShows.filter((n) => n.site === site.name);
    expect(at(first).map((n) => [n.to, n.count])).toEqual([[f.accounts.org_coordinator.email, 1]]);
    expect(at(second).map((n) => [n.to, n.count])).toEqual([[f.accounts.org_coordinator.email, 2]]);
    expect(at(third).map((n) => n.count)).toEqual([3]);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });
});
