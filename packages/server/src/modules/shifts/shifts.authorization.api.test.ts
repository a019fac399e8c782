import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { SHIFTS_POLICY } from './index.ts';
import { caller, makeShift, makeSite, nextSource, occurrenceOn } from './shifts.test-support.ts';

/**
 * Generated from SHIFTS_POLICY: every route naming a shifts action, as every persona of
 * the standard fixture; 403 exactly where the table says no. Records belong to org A
 * (network-shared), so 'organization' rules are judged against org A.
 */
const SITE = { name: 'Matrix School', kind: 'school', address: '1 Test St', lat: 44.96, lng: -93.25 };

describe.each(DIALECTS)('shifts authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let observer: string;
  const cookies = new Map<Persona, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
    admin = cookies.get('admin')!;
    observer = cookies.get('legal_observer')!;
  });
  afterAll(() => t.close());

  /** A fresh shared site of org A with a one-off shift (two places) and the legal observer signed up. */
  async function fresh() {
    const site = await makeSite(t.app, f, admin);
    const series = await makeShift(t.app, f, admin, site.id, { startDate: '2026-12-15', rrule: undefined, slots: [{ peopleNeeded: 2 }] });
    const occurrenceId = await occurrenceOn(t, series.id, '2026-12-15');
    const signup = (await caller(t.app)(observer, 'POST', `/api/v1/networks/alpha/shifts/${occurrenceId}/slots/${series.slots[0].id}/signup`, {})).json();
    return { siteId: site.id, seriesId: series.id, occurrenceId, slotId: series.slots[0].id, signupId: signup.id as string };
  }

  const bodies: Record<string, (ids: Awaited<ReturnType<typeof fresh>> | undefined) => object | undefined> = {
    'POST /api/v1/networks/:slug/sites': () => ({ ...SITE, organizationId: f.orgA }),
    'PUT /api/v1/networks/:slug/sites/:siteId': () => ({ ...SITE, organizationId: f.orgA }),
    'POST /api/v1/networks/:slug/sites/import': () => ({ organizationId: f.orgA, csv: 'name,kind,address,lat,lng\nA,school,B,44.9,-93.2\n' }),
    'POST /api/v1/networks/:slug/sites/:siteId/shifts': () => ({ title: 'x', startDate: '2026-12-16', startTime: '07:30', endTime: '08:30', slots: [{ peopleNeeded: 1 }] }),
    'POST /api/v1/networks/:slug/shift-series/:seriesId/exceptions': () => ({ date: '2026-12-15' }),
    'PUT /api/v1/networks/:slug/shift-series/:seriesId': (ids) => ({ fromDate: '2026-12-15', title: 'x', startTime: '08:00', endTime: '09:00', slots: [{ id: ids?.slotId, peopleNeeded: 3 }] }),
    'POST /api/v1/networks/:slug/shifts/:occurrenceId/slots/:slotId/signup': () => ({}),
    'POST /api/v1/networks/:slug/shifts/:occurrenceId/slots/:slotId/assign': () => ({ accountId: f.accounts.driver.id }),
    'POST /api/v1/networks/:slug/signups/:signupId/swap': () => ({ offered: true }),
  };

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const routes = t.app.routeCatalog.filter((r) => r.method !== 'HEAD' && (r.config as { policy?: { module: string } } | undefined)?.policy?.module === 'shifts');
    expect(routes.length).toBeGreaterThanOrEqual(27);
    const used = new Set(routes.map((r) => (r.config as { policy: { action: string } }).policy.action));
    expect([...used].sort()).toEqual(Object.keys(SHIFTS_POLICY).sort());

    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const action = (route.config as { policy: { action: keyof typeof SHIFTS_POLICY } }).policy.action;
      const key = `${method} ${route.url}`;
      const needsIds = /:(siteId|seriesId|occurrenceId|signupId)/.test(route.url);
      for (const persona of PERSONAS) {
        const ids = needsIds ? await fresh() : undefined;
        const url = route.url
          .replace(':slug', 'alpha')
          .replace(':siteId', ids?.siteId ?? '')
          .replace(':seriesId', ids?.seriesId ?? '')
          .replace(':occurrenceId', ids?.occurrenceId ?? '')
          .replace(':slotId', ids?.slotId ?? '')
          .replace(':signupId', ids?.signupId ?? '');
        const body = bodies[key]?.(ids) ?? (method === 'POST' ? {} : undefined);
        const res = await t.app.inject({ method, url, remoteAddress: nextSource(), headers: { cookie: cookies.get(persona)! }, ...(body ? { payload: body } : {}) });
        if (res.statusCode === 400 || res.statusCode === 401 || res.statusCode >= 500) mismatches.push(`${key} as ${persona}: unexpected ${res.statusCode} ${res.body}`);
        const orgScoped = SHIFTS_POLICY[action].scope === 'organization';
        const expected = expectedAllowed(persona, SHIFTS_POLICY[action], orgScoped ? 'A' : 'none');
        if ((res.statusCode !== 403) !== expected) mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
