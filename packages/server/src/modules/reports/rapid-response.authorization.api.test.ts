import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import type { PolicyRule } from '../../platform/access/policy.ts';
import { newId } from '../../platform/ids.ts';
import { DISPATCH_POLICY } from '../dispatch/index.ts';
import { REPORTS_POLICY } from './index.ts';

/**
 * Generated from the reports and dispatch policy tables: every route naming a policy
 * action, as every persona; 403 exactly where the table says no. Live streams are
 * opened over real HTTP and closed once their status is known.
 */
const TABLES: Record<string, Record<string, PolicyRule>> = { reports: REPORTS_POLICY, dispatch: DISPATCH_POLICY };

const BODIES: Record<string, object> = {
  'POST /api/v1/networks/:slug/phone-reports': { category: 'checkpoint' },
  'POST /api/v1/networks/:slug/incidents/:incidentId/status': { status: 'verifying', version: 1 },
  'POST /api/v1/networks/:slug/reports/:reportId/structure': { category: 'checkpoint' },
  'PUT /api/v1/networks/:slug/incidents/:incidentId/location': { point: { lat: 44.95, lng: -93.26 }, version: 1 },
  'POST /api/v1/networks/:slug/incidents/:incidentId/dispatches': { count: 1 },
  'PUT /api/v1/networks/:slug/responder/availability': { available: false },
  'PATCH /api/v1/networks/:slug/dispatches/:dispatchId': { status: 'accepted' },
  'PUT /api/v1/networks/:slug/members/:accountId/qualifications': { qualifications: ['verifier'] },
};

describe.each(DIALECTS)('rapid-response authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let base: string;
  const cookies = new Map<Persona, string>();
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  /** A fresh incident with two reports (one with a callback contact), far from all others. */
  async function freshIncident() {
    const point = { lat: 40 + ++n * 0.05, lng: -93 };
    const post = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: body });
    await post({ category: 'other', point, contact: '+16125550100' });
    await post({ category: 'other', point });
    const report = await t.deps.database.db
      .selectFrom('reports')
      .select(['id', 'incident_id'])
      .where('contact_enc', 'is not', null)
      // Points are sealed at rest: the newest report with a contact is the one just filed (ids are UUIDv7).
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { incidentId: report.incident_id!, reportId: report.id };
  }

  async function freshDispatch(incidentId: string) {
    const id = newId();
    const now = t.clock.now().toISOString();
    await t.deps.database.db
      .insertInto('dispatches')
      .values({
        id,
        incident_id: incidentId,
        network_id: f.networkId,
        account_id: f.accounts.responder.id,
        qualification: null,
        ring: 0,
        status: 'notified',
        notified_at: now,
        responded_at: null,
        on_scene_at: null,
        updated_at: now,
      })
      .execute();
    return id;
  }

  it('allows and denies exactly as the tables say, for every route and persona', async () => {
    const routes = t.app.routeCatalog.filter(
      (r) =>
        r.method !== 'HEAD' &&
        ['reports', 'dispatch'].includes((r.config as { policy?: { module: string } } | undefined)?.policy?.module ?? ''),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const used = new Set(
      routes.map(
        (r) =>
          `${(r.config as { policy: { module: string; action: string } }).policy.module}:${(r.config as { policy: { action: string } }).policy.action}`,
      ),
    );
    expect([...used].sort()).toEqual(
      Object.entries(TABLES)
        .flatMap(([m, table]) => Object.keys(table).map((a) => `${m}:${a}`))
        .sort(),
    );

    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as
        | 'GET'
        | 'POST'
        | 'PUT'
        | 'PATCH'
        | 'DELETE';
      const { module, action } = (route.config as { policy: { module: string; action: string } }).policy;
      const rule = TABLES[module][action];
      const key = `${method} ${route.url}`;
      for (const persona of PERSONAS) {
        const { incidentId, reportId } = await freshIncident();
        let url = route.url
          .replace(':slug', 'alpha')
          .replace(':incidentId', incidentId)
          .replace(':reportId', reportId)
          .replace(':accountId', f.accounts.legal_observer.id)
          .replace(':orgId', f.orgA);
        if (url.includes(':dispatchId')) url = url.replace(':dispatchId', await freshDispatch(incidentId));
        let body: object | undefined = BODIES[key];
        if (key.endsWith('/merge')) body = { incidentIds: [(await freshIncident()).incidentId] };
        if (key.endsWith('/split')) body = { reportIds: [reportId] };
        let status: number;
        if (url.endsWith('/stream')) {
          const controller = new AbortController();
          const res = await fetch(`${base}${url}`, { headers: { cookie: cookies.get(persona)! }, signal: controller.signal });
          status = res.status;
          controller.abort();
        } else {
          const res = await t.app.inject({
            method,
            url,
            headers: { cookie: cookies.get(persona)! },
            ...(body ? { payload: body } : {}),
          });
          status = res.statusCode;
          if (status === 400 || status === 401 || status >= 500)
            mismatches.push(`${key} as ${persona}: unexpected ${status} ${res.body}`);
        }
        const expected = expectedAllowed(
          persona,
          rule,
          route.url.includes(':accountId') || route.url.includes(':orgId') ? 'A' : 'none',
        );
        if ((status !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
