import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from './index.ts';
import { NETWORKS_POLICY } from './networks.policy.ts';

/**
 * Generated from the policy table: every route that names a policy action is called
 * as every persona, and the answer must be 403 exactly when the table says no.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/networks/:slug/settings': { retention: { auditDays: 400 } },
  'POST /api/v1/networks/:slug/organizations': { kind: 'informal', type: 'affinity_group' },
  'POST /api/v1/networks/:slug/organization-requests': { kind: 'informal', type: 'block_group' },
  'POST /api/v1/networks/:slug/organizations/:orgId/invitations': { roles: ['driver'] },
  'PUT /api/v1/networks/:slug/memberships/:membershipId/roles': { roles: ['driver'] },
};

describe.each(DIALECTS)('networks authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookies = new Map<Persona, string>();
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) if (p !== 'pending') cookies.set(p, await signIn(t.app, f.accounts[p].email));
    cookies.set('pending', await signIn(t.app, f.accounts.pending.email));
  });
  afterAll(() => t.close());

  /** A fresh pending member of org A per call, so one persona's allowed change cannot hide another's denial. */
  async function freshMembership(): Promise<string> {
    const accountId = await createAccount(t.deps, {
      email: `target${++counter}@test.local`,
      password: null,
      displayName: 'Target',
      language: 'en',
    });
    const id = newId();
    await insertMembership(t.deps.database.db, {
      id,
      networkId: f.networkId,
      organizationId: f.orgA,
      accountId,
      roles: ['driver'],
      status: 'pending',
      now: t.clock.now(),
    });
    return id;
  }

  async function freshInvitation(): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`,
      headers: { cookie: cookies.get('admin')! },
      payload: { roles: ['driver'] },
    });
    return res.json().id;
  }

  async function freshPendingOrganization(): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/organization-requests',
      headers: { cookie: cookies.get('driver')! },
      payload: { name: `Asking ${++counter}`, kind: 'informal', type: 'other' },
    });
    return res.json().id;
  }

  it('covers every action of the policy table with at least one route', async () => {
    const used = new Set(
      t.app.routeCatalog
        .filter((r) => (r.config as { policy?: { module: string } } | undefined)?.policy?.module === 'networks')
        .map((r) => (r.config as { policy: { action: string } }).policy.action),
    );
    expect([...used].sort()).toEqual(Object.keys(NETWORKS_POLICY).sort());
  });

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    // Fastify adds a HEAD twin for each GET; the GET is the one to check.
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && (r.config as { policy?: { module: string } } | undefined)?.policy?.module === 'networks',
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const method = methods[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const { action } = (route.config as { policy: { action: keyof typeof NETWORKS_POLICY } }).policy;
      const rule = NETWORKS_POLICY[action];
      const key = `${method} ${route.url}`;
      for (const persona of PERSONAS) {
        let url = route.url.replace(':slug', f.slug);
        let targetOrg: 'A' | 'B' | 'none' = 'none';
        if (url.includes(':orgId')) {
          const orgId = /admit|reject/.test(url) ? await freshPendingOrganization() : f.orgA;
          url = url.replace(':orgId', orgId);
          targetOrg = /admit|reject/.test(url) ? 'none' : 'A';
        }
        if (url.includes(':membershipId')) {
          url = url.replace(':membershipId', await freshMembership());
          targetOrg = 'A';
        }
        if (url.includes(':invitationId')) url = url.replace(':invitationId', await freshInvitation());
        let payload = SAMPLE_BODIES[key];
        if (key.endsWith('/organizations') || key.endsWith('/organization-requests'))
          payload = { ...(payload as object), name: `Org ${++counter}` };
        const res = await t.app.inject({
          method,
          url,
          headers: { cookie: cookies.get(persona)! },
          ...(payload ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, `${key} as ${persona}: ${res.body}`).not.toBe(401);
        expect(res.statusCode, `${key} as ${persona}: ${res.body}`).not.toBe(400);
        const allowed = res.statusCode !== 403;
        const expected = expectedAllowed(persona, rule, targetOrg);
        if (allowed !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${res.statusCode}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routes.length * PERSONAS.length);
  });
});
