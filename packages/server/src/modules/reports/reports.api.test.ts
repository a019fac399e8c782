import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';

// Lake Street & Bloomington Ave, Minneapolis, and points ~200 m and ~3 km away.
const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const FAR = { lat: 44.976, lng: -93.2526 };

describe.each(DIALECTS)('rapid response intake and triage on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  const report = (body: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: body, headers });
  const as = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
  });
  afterAll(() => t.close());

  it('401: the queue needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/incidents' })).statusCode).toBe(401);
  });

  it('403: a responder cannot see the queue; a pending member cannot enter phone reports', async () => {
    expect(
      (await as(await signIn(t.app, f.accounts.responder.email), 'GET', '/api/v1/networks/alpha/incidents')).statusCode,
    ).toBe(403);
    expect(
      (
        await as(await signIn(t.app, f.accounts.pending.email), 'POST', '/api/v1/networks/alpha/phone-reports', {
          category: 'checkpoint',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('400: bad categories, points and keys; nothing is written', async () => {
    const before = await t.deps.database.db
      .selectFrom('reports')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await report({ category: 'riot' })).statusCode).toBe(400);
    expect((await report({ category: 'checkpoint', point: { lat: 91, lng: 0 } })).statusCode).toBe(400);
    expect((await report({ category: 'checkpoint' }, { 'idempotency-key': 'x' })).statusCode).toBe(400);
    expect((await report({ category: 'checkpoint', extra: 1 })).statusCode).toBe(400);
    const after = await t.deps.database.db
      .selectFrom('reports')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('takes an anonymous report, returns a receipt in the reporter’s language and stores the contact encrypted', async () => {
    const res = await report({
      category: 'home_raid',
      point: LAKE,
      locationText: 'Lake St & Bloomington',
      description: 'Two vans',
      contact: '+1 612 555 0142',
      language: 'es',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ language: 'es', receiptCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    const row = await t.deps.database.db
      .selectFrom('reports')
      .select(['contact_enc', 'incident_id'])
      .where('receipt_code', '=', res.json().receiptCode)
      .executeTakeFirstOrThrow();
    expect(row.contact_enc).not.toContain('555');
    expect(row.incident_id).toBeTruthy();
  });

  it('yields one report for one Idempotency-Key, even replayed 100 times at once', async () => {
    const key = 'tap-once-7f3a9c2e';
    const results = await Promise.all(
      Array.from({ length: 100 }, () => report({ category: 'checkpoint', point: FAR }, { 'idempotency-key': key })),
    );
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().receiptCode)).size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const rows = await t.deps.database.db.selectFrom('reports').select('id').where('idempotency_key', '=', key).execute();
    expect(rows).toHaveLength(1);
  });

  it('clusters reports near in space and time into one incident, and far ones apart', async () => {
    await report({ category: 'home_raid', point: NEAR, description: 'same place, second neighbour' });
    const queue = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    const lake = queue.find((i: { point: { lat: number } | null }) => i.point?.lat === LAKE.lat);
    expect(lake.reportCount).toBe(2);
    const far = queue.find((i: { point: { lat: number } | null }) => i.point?.lat === FAR.lat);
    expect(far.reportCount).toBe(1);
    // Half an hour later the same corner is a new incident.
    t.clock.advance(31 * 60_000);
    await report({ category: 'home_raid', point: LAKE });
    const after = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    expect(after.filter((i: { point: { lat: number } | null }) => i.point?.lat === LAKE.lat)).toHaveLength(2);
  });

  it('verifies only with a reason that holds, refuses stale versions, and audits', async () => {
    const single = (await report({ category: 'staging', point: { lat: 45.0, lng: -93.1 } })).json();
    const queue = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents;
    const lone = queue.find((i: { point: { lat: number } | null }) => i.point?.lat === 45.0);
    expect(single.receiptCode).toBeTruthy();
    const url = `/api/v1/networks/alpha/incidents/${lone.id}/status`;
    expect((await as(dispatcher, 'POST', url, { status: 'verified', version: lone.version })).statusCode).toBe(400);
    expect(
      (await as(dispatcher, 'POST', url, { status: 'verified', reason: 'corroborated', version: lone.version })).statusCode,
    ).toBe(400);
    expect(
      (await as(dispatcher, 'POST', url, { status: 'verified', reason: 'on_scene_confirmation', version: lone.version }))
        .statusCode,
    ).toBe(400);
    const verifying = await as(dispatcher, 'POST', url, { status: 'verifying', version: lone.version });
    expect(verifying.json().status).toBe('verifying');
    expect((await as(dispatcher, 'POST', url, { status: 'false_alarm', version: lone.version })).statusCode).toBe(409);

    const lake = queue.find((i: { reportCount: number }) => i.reportCount === 2);
    const ok = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${lake.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: lake.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified', verificationReason: 'corroborated' });
    const detail = (await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${lake.id}`)).json();
    expect(detail.reports).toHaveLength(2);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['report_added', 'report_added', 'status_changed']);
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('target_id', '=', lake.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['incident.status', 'incident.read']));
  });

  it('a vouched member’s single report counts as corroboration', async () => {
    const member = await signIn(t.app, f.accounts.watch_volunteer.email);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      headers: { cookie: member },
      payload: { category: 'courthouse_arrest', point: { lat: 44.9778, lng: -93.265 } },
    });
    const inc = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.find((i: { category: string }) => i.category === 'courthouse_arrest');
    expect(inc.trustedReports).toBe(1);
    const res = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${inc.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: inc.version,
    });
    expect(res.statusCode).toBe(200);
  });

  it('holds an edit lock against a second dispatcher', async () => {
    const second = await signIn(t.app, f.accounts.admin.email);
    await as(await signIn(t.app, f.accounts.org_coordinator.email), 'GET', '/api/v1/me');
    // Give the admin the dispatcher role for this test.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/networks/alpha/memberships/${f.accounts.driver.membershipId}/roles`,
      headers: { cookie: second },
      payload: { roles: ['driver', 'dispatcher'] },
    });
    const driverDispatcher = await signIn(t.app, f.accounts.driver.email);
    const inc = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.find((i: { status: string }) => i.status === 'new');
    const locked = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${inc.id}/lock`);
    expect(locked.json().lock.accountId).toBe(f.accounts.dispatcher.id);
    const blocked = await as(driverDispatcher, 'POST', `/api/v1/networks/alpha/incidents/${inc.id}/status`, {
      status: 'verifying',
      version: locked.json().version,
    });
    expect(blocked.statusCode).toBe(409);
    t.clock.advance(3 * 60_000);
    const expired = await as(driverDispatcher, 'POST', `/api/v1/networks/alpha/incidents/${inc.id}/status`, {
      status: 'verifying',
      version: locked.json().version,
    });
    expect(expired.statusCode).toBe(200);
  });

  it('merges and splits incidents, keeping counts right', async () => {
    await report({ category: 'traffic_stop', point: { lat: 44.9, lng: -93.3 } });
    await report({ category: 'traffic_stop', point: { lat: 44.8, lng: -93.3 } });
    const queue = (await as(dispatcher, 'GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.filter((i: { category: string }) => i.category === 'traffic_stop');
    expect(queue).toHaveLength(2);
    const published: BusEvent[] = [];
    const off = t.deps.events.subscribe(f.networkId, (e) => published.push(e));
    const merged = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${queue[0].id}/merge`, {
      incidentIds: [queue[1].id],
    });
    off();
    expect(merged.json().reportCount).toBe(2);
    // Other dispatchers' queues learn that the merged-away incident is closed, not only the target's new count.
    const shell = published.find((e) => e.type === 'incident.updated' && e.data.incident.id === queue[1].id);
    expect(shell?.type === 'incident.updated' && shell.data.incident.status).toBe('resolved');
    const detail = (await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${queue[0].id}`)).json();
    const split = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${queue[0].id}/split`, {
      reportIds: [detail.reports[1].id],
    });
    expect(split.json().incident.reportCount).toBe(1);
    expect((await as(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${queue[0].id}`)).json().incident.reportCount).toBe(1);
    expect(
      (
        await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${split.json().incident.id}/split`, {
          reportIds: [detail.reports[1].id],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('reads a callback contact only through an audited read', async () => {
    const code = (await report({ category: 'other', point: { lat: 44.7, lng: -93.0 }, contact: '612-555-0177' })).json()
      .receiptCode;
    const row = await t.deps.database.db
      .selectFrom('reports')
      .select('id')
      .where('receipt_code', '=', code)
      .executeTakeFirstOrThrow();
    const res = await as(dispatcher, 'GET', `/api/v1/networks/alpha/reports/${row.id}/contact`);
    // Stored as dialled: E.164, whatever the spelling typed.
    expect(res.json()).toEqual({ contact: '+16125550177' });
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('target_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toContain('report.contact.read');
  });

  it('takes a phone report from a dispatcher', async () => {
    const res = await as(dispatcher, 'POST', '/api/v1/networks/alpha/phone-reports', {
      category: 'workplace_raid',
      locationText: 'Cargill plant gate',
      language: 'so',
    });
    expect(res.statusCode).toBe(201);
    const row = await t.deps.database.db
      .selectFrom('reports')
      .select(['source'])
      .where('receipt_code', '=', res.json().receiptCode)
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('phone');
  });
});

describe.each(DIALECTS)('JSON intake under flood on %s', (dialect) => {
  it('asks anonymous reporters for a solved challenge, in their language, and lets vouched members through', async () => {
    const { floodProtectionOf } = await import('../../platform/flood/flood-protection.ts');
    const { solveForTest } = await import('../../platform/flood/challenge.fixtures.ts');
    const t = await createTestApp(dialect);
    try {
      const f = await seedFixture(t.deps);
      floodProtectionOf(t.deps).guard.configure({ threshold: 3 });
      const post = (payload: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload, headers });
      for (let i = 0; i < 3; i++) expect((await post({ category: 'checkpoint' })).statusCode).toBe(201);
      await post({ category: 'checkpoint' });
      const refused = await post({ category: 'checkpoint' }, { 'accept-language': 'es' });
      expect(refused.statusCode).toBe(428);
      expect(refused.json().error).toMatchObject({
        code: 'challenge_required',
        message: 'Están llegando muchos reportes ahora. Resuelva la verificación y envíe de nuevo.',
      });
      const solution = await solveForTest(refused.json().error.details.challenge);
      expect((await post({ category: 'checkpoint', challenge: solution })).statusCode).toBe(201);
      // A solution is spent once used.
      expect((await post({ category: 'checkpoint', challenge: solution })).statusCode).toBe(428);
      const member = await signIn(t.app, f.accounts.watch_volunteer.email);
      expect((await post({ category: 'checkpoint' }, { cookie: member })).statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });
});
