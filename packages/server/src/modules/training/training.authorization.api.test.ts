import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { TRAINING_POLICY } from './index.ts';

/**
 * Generated from the training policy table: every route naming a training action, as
 * every persona; 403 exactly where the table says no. 'course.qualify' has no route of
 * its own (it guards mapping a course to a dispatch qualification inside course.manage),
 * so it is checked in training.api.test.ts.
 */
const WITHOUT_ROUTE = new Set(['course.qualify']);

describe.each(DIALECTS)('training authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookies = new Map<Persona, string>();
  let courseId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/training/courses',
      headers: { cookie: cookies.get('admin')! },
      payload: { key: 'matrix', name: 'Matrix course' },
    });
    courseId = res.json().id;
  });
  afterAll(() => t.close());

  /** A fresh session and a fresh certification, so no persona's request depends on another's. */
  async function fresh() {
    const sessionId = newId();
    const certificationId = newId();
    const now = t.clock.now().toISOString();
    const db = t.deps.database.db;
    await db
      .insertInto('training_sessions')
      .values({
        id: sessionId,
        network_id: f.networkId,
        course_id: courseId,
        starts_at: '2027-01-10T18:00:00.000Z',
        ends_at: '2027-01-10T20:00:00.000Z',
        place: 'Hall',
        online_url: null,
        language: 'en',
        capacity: 10,
        trainer_account_id: f.accounts.trainer.id,
        status: 'scheduled',
        attendance_saved_at: null,
        created_by: f.accounts.trainer.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('training_certifications')
      .values({
        id: certificationId,
        network_id: f.networkId,
        account_id: f.accounts.driver.id,
        course_id: courseId,
        source: 'manual',
        session_id: null,
        issued_by: f.accounts.admin.id,
        issued_at: now,
        expires_at: null,
        revoked_at: null,
        revoked_by: null,
        created_at: now,
      })
      .execute();
    return { sessionId, certificationId };
  }

  function bodyFor(key: string): object | undefined {
    const bodies: Record<string, object> = {
      'POST /api/v1/networks/:slug/training/courses': { key: `course-${++n}`, name: `Course ${n}` },
      'PATCH /api/v1/networks/:slug/training/courses/:courseId': { description: 'Updated' },
      'POST /api/v1/networks/:slug/training/sessions': {
        courseId,
        startsAtLocal: '2027-02-01T18:00',
        endsAtLocal: '2027-02-01T20:00',
        language: 'en',
        place: 'Hall',
        capacity: 5,
      },
      'PATCH /api/v1/networks/:slug/training/sessions/:sessionId': { capacity: 12 },
      'PUT /api/v1/networks/:slug/training/sessions/:sessionId/registration': {},
      'PUT /api/v1/networks/:slug/training/sessions/:sessionId/attendance': { present: [f.accounts.driver.id] },
      'POST /api/v1/networks/:slug/training/certifications': {
        accountId: f.accounts.driver.id,
        courseId,
        reason: 'Trained elsewhere',
      },
      'POST /api/v1/networks/:slug/training/certifications/:certificationId/revoke': { reason: 'Mistake' },
      'POST /api/v1/networks/:slug/training/imports/preview': { csv: 'email,course,date\n' },
      'POST /api/v1/networks/:slug/training/imports': { csv: 'email,course,date\n' },
    };
    return bodies[key];
  }

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const policyOf = (r: { config?: unknown }) =>
      (r.config as { policy?: { module: string; action: keyof typeof TRAINING_POLICY } } | undefined)?.policy;
    const routes = t.app.routeCatalog.filter((r) => r.method !== 'HEAD' && policyOf(r)?.module === 'training');
    expect(routes.length).toBeGreaterThanOrEqual(19);
    const used = new Set(routes.map((r) => policyOf(r)!.action));
    expect([...used].sort()).toEqual(
      Object.keys(TRAINING_POLICY)
        .filter((a) => !WITHOUT_ROUTE.has(a))
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
      const action = policyOf(route)!.action;
      const key = `${method} ${route.url}`;
      for (const persona of PERSONAS) {
        const { sessionId, certificationId } = await fresh();
        let url = route.url
          .replace(':slug', 'alpha')
          .replace(':courseId', courseId)
          .replace(':sessionId', sessionId)
          .replace(':certificationId', certificationId);
        if (url.endsWith('/people')) url += '?q=dri';
        const body = bodyFor(key);
        const res = await t.app.inject({
          method,
          url,
          headers: { cookie: cookies.get(persona)! },
          ...(body ? { payload: body } : {}),
        });
        const status = res.statusCode;
        if (status === 400 || status === 401 || status >= 500)
          mismatches.push(`${key} as ${persona}: unexpected ${status} ${res.body}`);
        const expected = expectedAllowed(persona, TRAINING_POLICY[action], 'none');
        if ((status !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
