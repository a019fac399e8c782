import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedAllowed,
  expectedOnItem,
  PERSONAS,
  relation,
  SHARING_CASES,
  statusMatches,
  type MatrixOrg,
  type Relation,
  type SharingCase,
} from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import {
  createTestApp,
  seedFixture,
  signIn,
  TEST_PASSWORD,
  type Fixture,
  type Persona,
  type TestApp,
} from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership, insertOrganization } from '../networks/index.ts';
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

  // The sharing dimension: org C (no persona belongs to it) and Carol, a member of C who
  // holds a place and offers it for swap, so 'take' has someone else's offer to act on.
  let orgC: string;
  let carol: { id: string; cookie: string };
  beforeAll(async () => {
    const now = t.clock.now();
    orgC = newId();
    await insertOrganization(t.deps.database.db, {
      id: orgC,
      networkId: f.networkId,
      name: 'Org C',
      kind: 'formal',
      type: 'nonprofit',
      status: 'active',
      requestedBy: null,
      now,
    });
    const id = await createAccount(t.deps, {
      email: 'carol@test.local',
      password: TEST_PASSWORD,
      displayName: 'Carol',
      language: 'en',
    });
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: orgC,
      accountId: id,
      roles: ['responder'],
      status: 'active',
      now,
    });
    carol = { id, cookie: await signIn(t.app, 'carol@test.local') };
  });

  /** A fresh shared site of org A with a one-off shift (two places) and the legal observer signed up. */
  async function fresh() {
    const site = await makeSite(t.app, f, admin);
    const series = await makeShift(t.app, f, admin, site.id, {
      startDate: '2026-12-15',
      rrule: undefined,
      slots: [{ peopleNeeded: 2 }],
    });
    const occurrenceId = await occurrenceOn(t, series.id, '2026-12-15');
    const signup = (
      await caller(t.app)(
        observer,
        'POST',
        `/api/v1/networks/alpha/shifts/${occurrenceId}/slots/${series.slots[0].id}/signup`,
        {},
      )
    ).json();
    return { siteId: site.id, seriesId: series.id, occurrenceId, slotId: series.slots[0].id, signupId: signup.id as string };
  }

  const bodies: Record<string, (ids: Awaited<ReturnType<typeof fresh>> | undefined) => object | undefined> = {
    'POST /api/v1/networks/:slug/sites': () => ({ ...SITE, organizationId: f.orgA }),
    'PUT /api/v1/networks/:slug/sites/:siteId': () => ({ ...SITE, organizationId: f.orgA }),
    'POST /api/v1/networks/:slug/sites/import': () => ({
      organizationId: f.orgA,
      csv: 'name,kind,address,lat,lng\nA,school,B,44.9,-93.2\n',
    }),
    'POST /api/v1/networks/:slug/sites/:siteId/shifts': () => ({
      title: 'x',
      startDate: '2026-12-16',
      startTime: '07:30',
      endTime: '08:30',
      slots: [{ peopleNeeded: 1 }],
    }),
    'POST /api/v1/networks/:slug/shift-series/:seriesId/exceptions': () => ({ date: '2026-12-15' }),
    'PUT /api/v1/networks/:slug/shift-series/:seriesId': (ids) => ({
      fromDate: '2026-12-15',
      title: 'x',
      startTime: '08:00',
      endTime: '09:00',
      slots: [{ id: ids?.slotId, peopleNeeded: 3 }],
    }),
    'POST /api/v1/networks/:slug/shifts/:occurrenceId/slots/:slotId/signup': () => ({}),
    'POST /api/v1/networks/:slug/shifts/:occurrenceId/slots/:slotId/assign': () => ({ accountId: f.accounts.driver.id }),
    'POST /api/v1/networks/:slug/signups/:signupId/swap': () => ({ offered: true }),
  };

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && (r.config as { policy?: { module: string } } | undefined)?.policy?.module === 'shifts',
    );
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
        const res = await t.app.inject({
          method,
          url,
          remoteAddress: nextSource(),
          headers: { cookie: cookies.get(persona)! },
          ...(body ? { payload: body } : {}),
        });
        if (res.statusCode === 400 || res.statusCode === 401 || res.statusCode >= 500)
          mismatches.push(`${key} as ${persona}: unexpected ${res.statusCode} ${res.body}`);
        const orgScoped = SHIFTS_POLICY[action].scope === 'organization';
        const expected = expectedAllowed(persona, SHIFTS_POLICY[action], orgScoped ? 'A' : 'none');
        if ((res.statusCode !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);

  const orgIdOf = (o: MatrixOrg) => ({ A: f.orgA, B: f.orgB, C: orgC })[o];

  /** A site owned and shared as the case says (made by the network admin), with a one-off shift whose place Carol holds and offers for swap. */
  async function sharedItem(c: SharingCase, date = '2026-12-15') {
    const site = await makeSite(t.app, f, admin, {
      organizationId: orgIdOf(c.owner),
      sharing: c.scope,
      sharedWith: c.sharedWith.map(orgIdOf),
    });
    const series = await makeShift(t.app, f, admin, site.id, { startDate: date, rrule: undefined, slots: [{ peopleNeeded: 2 }] });
    const occurrenceId = await occurrenceOn(t, series.id, date);
    const slotId = series.slots[0].id;
    const call = caller(t.app);
    const held = await call(admin, 'POST', `/api/v1/networks/alpha/shifts/${occurrenceId}/slots/${slotId}/assign`, {
      accountId: carol.id,
    });
    if (held.statusCode !== 200) throw new Error(`assign: ${held.statusCode} ${held.body}`);
    const offered = await call(carol.cookie, 'POST', `/api/v1/networks/alpha/signups/${held.json().id}/swap`, { offered: true });
    if (offered.statusCode !== 200) throw new Error(`swap: ${offered.statusCode} ${offered.body}`);
    return {
      siteId: site.id,
      seriesId: series.id,
      occurrenceId,
      slotId,
      signupId: held.json().id as string,
      owner: orgIdOf(c.owner),
    };
  }

  it('reaches shared sites and their shifts exactly as the table and the sharing rule say, for every route, persona and sharing', async () => {
    const itemRoute = /:(siteId|seriesId|occurrenceId|signupId)/;
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && (r.config as { policy?: { module: string } } | undefined)?.policy?.module === 'shifts',
    );
    const actionOf = (r: (typeof routes)[number]) =>
      (r.config as { policy: { action: keyof typeof SHIFTS_POLICY } }).policy.action;
    // Every route that names a site or one of its shifts must say, in the table, how sharing applies;
    // sign-up routes under 'shift.self' act on the caller's own sign-up, whatever the site's sharing.
    const undeclared = routes.filter(
      (r) =>
        /:(siteId|seriesId|occurrenceId)/.test(r.url) &&
        (SHIFTS_POLICY[actionOf(r)] as { sharing?: string }).sharing !== 'visible',
    );
    expect(undeclared.map((r) => `${String(r.method)} ${r.url}`)).toEqual([]);
    const itemRoutes = routes.filter(
      (r) => itemRoute.test(r.url) && (SHIFTS_POLICY[actionOf(r)] as { sharing?: string }).sharing === 'visible',
    );
    expect(itemRoutes.length).toBeGreaterThanOrEqual(14);

    // One item per case for reads; for writes, an item no write has gone through yet.
    const standing = new Map<SharingCase, Awaited<ReturnType<typeof sharedItem>>>();
    for (const c of SHARING_CASES) standing.set(c, await sharedItem(c));
    const clean = new Map<SharingCase, Awaited<ReturnType<typeof sharedItem>>>();

    const mismatches: string[] = [];
    const met = new Map<Persona, Set<Relation>>();
    for (const route of itemRoutes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const rule = SHIFTS_POLICY[actionOf(route)];
      const key = `${method} ${route.url}`;
      for (const c of SHARING_CASES) {
        for (const persona of PERSONAS) {
          // A write that was refused changed nothing, so its item serves the next persona; one that went through is replaced.
          if (method !== 'GET' && !clean.has(c)) clean.set(c, await sharedItem(c));
          const ids = method === 'GET' ? standing.get(c)! : clean.get(c)!;
          const url = route.url
            .replace(':slug', 'alpha')
            .replace(':siteId', ids.siteId)
            .replace(':seriesId', ids.seriesId)
            .replace(':occurrenceId', ids.occurrenceId)
            .replace(':slotId', ids.slotId)
            .replace(':signupId', ids.signupId);
          const body =
            key === 'PUT /api/v1/networks/:slug/sites/:siteId'
              ? { ...SITE, organizationId: ids.owner, sharing: c.scope, sharedWith: c.sharedWith.map(orgIdOf) }
              : bodies[key]?.(ids);
          const res = await caller(t.app)(cookies.get(persona)!, method, url, body ?? (method === 'POST' ? {} : undefined));
          if (res.statusCode !== 403 && res.statusCode !== 404) clean.delete(c);
          const expected = expectedOnItem(persona, rule, c);
          met.set(persona, (met.get(persona) ?? new Set()).add(relation(persona, c)));
          if (!statusMatches(expected, res.statusCode))
            mismatches.push(
              `${key} on a site ${c.name} as ${persona}: expected ${expected}, got ${res.statusCode} ${res.statusCode >= 400 ? res.body : ''}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Each member persona met an item of its own organization, one shared with the network, one shared with it by name, and one not shared with it.
    for (const persona of PERSONAS.filter((p) => p !== 'admin' && p !== 'pending' && p !== 'outsider'))
      expect([...met.get(persona)!].sort(), persona).toEqual(['hidden', 'named', 'network', 'own']);
  }, 600_000);

  it('lists exactly the shared sites and shifts the sharing rule lets each persona see', async () => {
    const items = new Map<SharingCase, Awaited<ReturnType<typeof sharedItem>>>();
    // The earliest shifts of the run, so the list's page size cannot hide them.
    for (const c of SHARING_CASES) items.set(c, await sharedItem(c, '2026-11-30'));
    const call = caller(t.app);
    const mismatches: string[] = [];
    for (const persona of PERSONAS) {
      const sites = await call(cookies.get(persona)!, 'GET', '/api/v1/networks/alpha/sites');
      const shifts = await call(cookies.get(persona)!, 'GET', '/api/v1/networks/alpha/shifts?where=all&days=30');
      for (const [list, res, rule, idOf] of [
        ['sites', sites, SHIFTS_POLICY['site.list'], (x: { siteId: string }) => x.siteId],
        ['shifts', shifts, SHIFTS_POLICY['shift.browse'], (x: { occurrenceId: string }) => x.occurrenceId],
      ] as const) {
        const allowed = expectedAllowed(persona, rule, 'none');
        if ((res.statusCode === 200) !== allowed) {
          mismatches.push(`${list} as ${persona}: expected ${allowed ? 200 : 403}, got ${res.statusCode}`);
          continue;
        }
        if (!allowed) continue;
        const listed = new Set<string>(
          (list === 'sites' ? res.json().sites : res.json().shifts).map((x: { id: string }) => x.id),
        );
        for (const c of SHARING_CASES) {
          const shown = listed.has(idOf(items.get(c)!));
          const expected = relation(persona, c) !== 'hidden';
          if (shown !== expected)
            mismatches.push(`${list} as ${persona}: a site ${c.name} ${expected ? 'is missing' : 'is shown'}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
