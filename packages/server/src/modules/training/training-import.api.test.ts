import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

/** CSV import of past attendance: preview with a per-row report, then all rows or none. */
describe.each(DIALECTS)('training CSV import on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordinator: string;
  const post = (url: string, csv: string, cookie = coordinator) =>
    t.app.inject({ method: 'POST', url: `/api/v1/networks/alpha/training/${url}`, headers: { cookie }, payload: { csv } });
  const count = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('training_certifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    for (const [key, name] of [
      ['know-your-rights', 'Know your rights'],
      ['legal-observer', 'Legal observer'],
    ]) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/training/courses',
        headers: { cookie: coordinator },
        payload: { key, name, validityMonths: 12 },
      });
    }
  });
  afterAll(() => t.close());

  const GOOD = [
    'Name,Email,Course,Date',
    `Dee Driver,${f_('driver')},Know your rights,2026-10-03`,
    `"Case, Worker",${f_('case_worker').toUpperCase()},legal-observer,2026-11-14`,
    '',
  ].join('\n');
  function f_(p: string) {
    return `${p}@test.local`;
  }

  it('previews a clean file: who, which course, when it expires; nothing written', async () => {
    const before = await count();
    const res = await post('imports/preview', GOOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      acceptable: true,
      rows: 2,
      problems: [],
      alreadyRecorded: 0,
      toImport: [
        {
          row: 2,
          displayName: 'driver',
          courseName: 'Know your rights',
          date: '2026-10-03',
          expiresAt: '2027-10-03T05:00:00.000Z',
        },
        { row: 3, displayName: 'case_worker', courseName: 'Legal observer', date: '2026-11-14' },
      ],
    });
    expect(await count()).toBe(before);
  });

  it('reports every problem with row, column and kind, and imports nothing from a rejected file', async () => {
    const before = await count();
    const bad = [
      'email,course,date',
      `${f_('driver')},Know your rights,2026-10-03`,
      'stranger@elsewhere.org,Know your rights,2026-10-03',
      `${f_('pending')},Know your rights,2026-10-03`,
      `${f_('outsider')},Basket weaving,03/10/2026`,
      `${f_('responder')},,2027-05-01`,
      `${f_('driver')},know-your-rights,2026-10-03`,
      `${f_('responder')},Legal observer,2026-12-25`,
      `${f_('responder')},Legal observer,2026-02-30`,
    ].join('\n');
    const preview = (await post('imports/preview', bad)).json();
    expect(preview.acceptable).toBe(false);
    expect(preview.problems).toEqual([
      { row: 3, column: 'email', problem: 'unknown_person', value: null },
      { row: 4, column: 'email', problem: 'unknown_person', value: null },
      { row: 5, column: 'email', problem: 'unknown_person', value: null },
      { row: 5, column: 'course', problem: 'unknown_course', value: 'Basket weaving' },
      { row: 5, column: 'date', problem: 'bad_date', value: '03/10/2026' },
      { row: 6, column: 'course', problem: 'missing', value: null },
      { row: 7, column: 'email', problem: 'duplicate_row', value: null },
      { row: 8, column: 'date', problem: 'future_date', value: '2026-12-25' },
      { row: 9, column: 'date', problem: 'bad_date', value: '2026-02-30' },
    ]);
    // Unknown addresses are never echoed back.
    expect(JSON.stringify(preview)).not.toContain('stranger@elsewhere.org');
    const rejected = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/training/imports',
      headers: { cookie: coordinator, 'accept-language': 'ar' },
      payload: { csv: bad },
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.code).toBe('csv_rejected');
    expect(rejected.json().error.details.problems).toHaveLength(9);
    expect(await count()).toBe(before);
  });

  it('rejects a file without the needed columns, or that is not CSV', async () => {
    expect((await post('imports/preview', 'who,what\nx,y\n')).json().problems).toEqual([
      { row: 1, column: 'email', problem: 'missing_column', value: null },
      { row: 1, column: 'course', problem: 'missing_column', value: null },
      { row: 1, column: 'date', problem: 'missing_column', value: null },
    ]);
    expect((await post('imports/preview', 'email,course,date\n"unclosed,quote,2026-01-01\n')).json().problems[0].problem).toBe(
      'bad_csv',
    );
    expect((await post('imports', 'who,what\nx,y\n')).json().error.code).toBe('csv_rejected');
  });

  it('imports a clean file in one go, dated in the network’s zone, audited; importing it again adds nothing', async () => {
    const before = await count();
    const res = await post('imports', GOOD);
    expect(res.json()).toEqual({ imported: 2, alreadyRecorded: 0 });
    expect(await count()).toBe(before + 2);
    const driver = await signIn(t.app, f.accounts.driver.email);
    const mine = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/networks/alpha/training/certifications/mine',
        headers: { cookie: driver },
      })
    ).json().certifications;
    // Midnight in Chicago (UTC-5 in October), 12 months of validity.
    expect(mine[0]).toMatchObject({
      source: 'import',
      issuedAt: '2026-10-03T05:00:00.000Z',
      expiresAt: '2027-10-03T05:00:00.000Z',
      state: 'valid',
    });
    expect((await post('imports', GOOD)).json()).toEqual({ imported: 0, alreadyRecorded: 2 });
    const entry = await t.deps.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'training.certification.import')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail)).toMatchObject({ rows: 2, imported: 2 });
  });

  it('is for managers only, and takes files larger than the usual body limit', async () => {
    const member = await signIn(t.app, f.accounts.watch_volunteer.email);
    expect((await post('imports/preview', GOOD, member)).statusCode).toBe(403);
    const big = [
      'email,course,date',
      ...Array.from(
        { length: 2500 },
        (_, i) => `${f_('driver')},Know your rights,2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      ),
    ].join('\n');
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await post('imports/preview', big);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toBe(2500);
  });
});
