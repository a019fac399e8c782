import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { PUBLIC_INTAKE_POLICY } from './index.ts';

/** Generated from the public-intake policy table: every route naming one of its actions, as every persona. */
describe.each(DIALECTS)('public-intake authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookies = new Map<Persona, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
  });
  afterAll(() => t.close());

  it('allows and denies exactly as the table says', async () => {
    type Policy = { policy?: { module: string; action: keyof typeof PUBLIC_INTAKE_POLICY } };
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && (r.config as Policy | undefined)?.policy?.module === 'public-intake',
    );
    expect(new Set(routes.map((r) => (r.config as Policy).policy!.action))).toEqual(new Set(Object.keys(PUBLIC_INTAKE_POLICY)));
    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'POST' | 'DELETE';
      const rule = PUBLIC_INTAKE_POLICY[(route.config as Policy).policy!.action];
      for (const persona of PERSONAS) {
        const res = await t.app.inject({
          method,
          url: route.url.replace(':slug', 'alpha'),
          payload: { number: '+16125550177' },
          headers: { cookie: cookies.get(persona)! },
        });
        const allowed = res.statusCode < 400;
        if (allowed !== expectedAllowed(persona, rule, 'none') || (!allowed && res.statusCode !== 403))
          mismatches.push(`${method} ${route.url} as ${persona}: ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
