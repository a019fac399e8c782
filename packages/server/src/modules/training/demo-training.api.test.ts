import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo-seed.ts';
import { findAccountsByIds } from '../identity/index.ts';
import { accountsCertifiedFor, listCourses } from './index.ts';

/** The demo's training data, which the cross-feature browser spec builds on. */
describe.each(DIALECTS)('training demo data on %s', (dialect) => {
  let t: TestApp;
  let trainer: string;
  const get = (url: string, cookie = trainer) =>
    t.app.inject({ method: 'GET', url: `/api/v1/networks/twin-cities/training${url}`, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
    trainer = await signIn(t.app, 'trainer@demo.switchboard.local', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('has the starter courses, Lee Observer certified as a legal observer and Fartun Watch not', async () => {
    const network = await t.deps.database.db
      .selectFrom('networks')
      .select('id')
      .where('slug', '=', 'twin-cities')
      .executeTakeFirstOrThrow();
    const courses = await listCourses(t.deps.database.db, network.id);
    const lo = courses.find((c) => c.key === 'legal-observer')!;
    expect(lo).toMatchObject({ name: 'Legal observer', validityMonths: 12 });
    expect(courses.map((c) => c.key)).toEqual(
      expect.arrayContaining([
        'know-your-rights',
        'rapid-response-verifier',
        'nonviolent-direct-action',
        'de-escalation',
        'driver-safety',
        'case-work-confidentiality',
      ]),
    );
    // Names are encrypted at rest (2026-12-04T0012): read through identity.
    const ids = (await t.deps.database.db.selectFrom('accounts').select('id').execute()).map((a) => a.id);
    const accounts = [...(await findAccountsByIds(t.deps.database.db, t.deps.keyring, ids)).values()];
    const id = (name: string) => accounts.find((a) => a.displayName === name)!.id;
    const certified = await accountsCertifiedFor(t.deps.database.db, network.id, lo.id, t.clock.now());
    expect(certified.has(id('Lee Observer'))).toBe(true);
    expect(certified.has(id('Fartun Watch'))).toBe(false);
  });

  it('has a legal-observer session under way, run by Tom Trainer, with Fartun Watch on the sheet, unticked', async () => {
    const sessions = (await get('/sessions')).json().sessions as {
      id: string;
      startsAt: string;
      endsAt: string;
      course: { key: string };
      trainer: { displayName: string };
    }[];
    const lo = sessions.filter((s) => s.course.key === 'legal-observer');
    expect(lo).toHaveLength(1);
    expect(lo[0].trainer.displayName).toBe('Tom Trainer');
    // Under way as the demo starts, so attendance can be taken at once (it is refused before a start).
    const now = t.deps.clock.now().getTime();
    expect(Date.parse(lo[0].startsAt)).toBeLessThanOrEqual(now);
    expect(Date.parse(lo[0].endsAt)).toBeGreaterThan(now);
    const roster = (await get(`/sessions/${lo[0].id}/roster`)).json();
    expect(roster.people.find((p: { displayName: string }) => p.displayName === 'Fartun Watch')).toMatchObject({
      attended: false,
      certified: false,
    });
  });
});
