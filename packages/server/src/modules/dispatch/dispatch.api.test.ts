import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { expireDispatches } from './index.ts';

const SCENE = { lat: 44.9486, lng: -93.2526 };
const cellNear = (dLat: number) => latLngToCell(SCENE.lat + dLat, SCENE.lng, 8);

describe.each(DIALECTS)('dispatch on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  let coordinator: string;
  let responder: string;
  let observer: string;
  let incident: { id: string; version: number };
  const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [dispatcher, coordinator, responder, observer] = await Promise.all(
      [f.accounts.dispatcher, f.accounts.org_coordinator, f.accounts.responder, f.accounts.legal_observer].map((a) =>
        signIn(t.app, a.email),
      ),
    );
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', { category: 'home_raid', point: SCENE });
    incident = (await call(dispatcher, 'GET', '/api/v1/networks/alpha/incidents')).json().incidents[0];
  });
  afterAll(() => t.close());

  it('401: availability needs a session', async () => {
    expect((await call(undefined, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: false })).statusCode).toBe(
      401,
    );
  });

  it('403: a driver cannot go available as a responder; a responder cannot dispatch; a coordinator of B cannot set A’s qualifications', async () => {
    expect(
      (
        await call(await signIn(t.app, f.accounts.driver.email), 'PUT', '/api/v1/networks/alpha/responder/availability', {
          available: false,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(responder, 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/dispatches`, { count: 1 })).statusCode,
    ).toBe(403);
    const coordB = await signIn(t.app, f.accounts.coordinator_b.email);
    expect(
      (
        await call(coordB, 'PUT', `/api/v1/networks/alpha/members/${f.accounts.legal_observer.id}/qualifications`, {
          qualifications: ['legal_observer'],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('400: available without a cell, or with a cell coarser than ~1 km or finer than resolution 8, or a precise point', async () => {
    expect((await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: true })).statusCode).toBe(
      400,
    );
    expect(
      (
        await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', {
          available: true,
          cell: latLngToCell(SCENE.lat, SCENE.lng, 5),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', {
          available: true,
          cell: latLngToCell(SCENE.lat, SCENE.lng, 11),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: true, lat: 44.9, lng: -93.2 }))
        .statusCode,
    ).toBe(400);
  });

  it('keeps only the coarse cell, and drops it when the responder goes unavailable', async () => {
    const coarse = latLngToCell(SCENE.lat, SCENE.lng, 8);
    const res = await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: true, cell: coarse });
    expect(res.json()).toMatchObject({ available: true, cell: latLngToCell(SCENE.lat, SCENE.lng, 8) });
    const off = await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: false });
    expect(off.json()).toMatchObject({ available: false, cell: null });
    const row = await t.deps.database.db
      .selectFrom('responders')
      .select('cell')
      .where('account_id', '=', f.accounts.responder.id)
      .executeTakeFirstOrThrow();
    expect(row.cell).toBeNull();
  });

  it('dispatches only responders holding the qualification, nearest first, and tracks their answers', async () => {
    await call(coordinator, 'PUT', `/api/v1/networks/alpha/members/${f.accounts.legal_observer.id}/qualifications`, {
      qualifications: ['legal_observer'],
    });
    await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: true, cell: cellNear(0) });
    await call(observer, 'PUT', '/api/v1/networks/alpha/responder/availability', { available: true, cell: cellNear(0.01) });
    const res = await call(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/dispatches`, {
      qualification: 'legal_observer',
      count: 3,
    });
    expect(res.statusCode).toBe(200);
    const sent = res.json().dispatches;
    expect(sent.map((d: { accountId: string }) => d.accountId)).toEqual([f.accounts.legal_observer.id]);
    expect(sent[0].status).toBe('notified');

    const mine = (await call(observer, 'GET', '/api/v1/networks/alpha/responder')).json();
    expect(mine.dispatches[0].incident.id).toBe(incident.id);
    // Another responder cannot answer it.
    expect(
      (await call(responder, 'PATCH', `/api/v1/networks/alpha/dispatches/${sent[0].id}`, { status: 'accepted' })).statusCode,
    ).toBe(404);
    expect(
      (await call(observer, 'PATCH', `/api/v1/networks/alpha/dispatches/${sent[0].id}`, { status: 'on_scene' })).statusCode,
    ).toBe(409);
    expect(
      (await call(observer, 'PATCH', `/api/v1/networks/alpha/dispatches/${sent[0].id}`, { status: 'accepted' })).json().status,
    ).toBe('accepted');
    t.clock.advance(4 * 60_000);
    expect(
      (await call(observer, 'PATCH', `/api/v1/networks/alpha/dispatches/${sent[0].id}`, { status: 'on_scene' })).json(),
    ).toMatchObject({ status: 'on_scene', onSceneAt: expect.any(String) });
  });

  it('lets the dispatcher verify on the responder’s on-scene confirmation, and shows response times', async () => {
    const now = (await call(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${incident.id}`)).json();
    expect(now.dispatches[0].status).toBe('on_scene');
    const ok = await call(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status: 'verified',
      reason: 'on_scene_confirmation',
      version: now.incident.version,
    });
    expect(ok.statusCode).toBe(200);
    const dash = (await call(dispatcher, 'GET', '/api/v1/networks/alpha/response-times')).json();
    const row = dash.incidents.find((i: { incidentId: string }) => i.incidentId === incident.id);
    expect(row.toFirstAccept).toBeGreaterThanOrEqual(0);
    expect(row.toOnScene).toBeGreaterThanOrEqual(240);
    expect(row.toVerified).toBeGreaterThanOrEqual(row.toOnScene);
    expect(dash.medians.toOnScene).toBe(row.toOnScene);
  });

  it('times out an unanswered dispatch and widens the search to the next ring', async () => {
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', { category: 'checkpoint', point: { lat: 44.9, lng: -93.2 } });
    const second = (await call(dispatcher, 'GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.find((i: { category: string }) => i.category === 'checkpoint');
    // The responder sits two rings out; the observer farther away.
    await call(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', {
      available: true,
      cell: latLngToCell(44.9015, -93.2, 8),
    });
    await call(observer, 'PUT', '/api/v1/networks/alpha/responder/availability', {
      available: true,
      cell: latLngToCell(44.92, -93.2, 8),
    });
    const first = (
      await call(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${second.id}/dispatches`, { count: 1 })
    ).json().dispatches;
    expect(first.map((d: { accountId: string }) => d.accountId)).toEqual([f.accounts.responder.id]);
    expect(await expireDispatches(t.deps)).toBe(0);
    t.clock.advance(181_000);
    expect(await expireDispatches(t.deps)).toBe(1);
    const detail = (await call(dispatcher, 'GET', `/api/v1/networks/alpha/incidents/${second.id}`)).json();
    expect(detail.dispatches.map((d: { accountId: string; status: string }) => [d.accountId, d.status])).toEqual([
      [f.accounts.responder.id, 'timed_out'],
      [f.accounts.legal_observer.id, 'notified'],
    ]);
    expect(detail.dispatches[1].ring).toBeGreaterThan(detail.dispatches[0].ring);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('dispatch_timed_out');
  });

  it('puts dispatch notices in the outbox for the channels the responder chose', async () => {
    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['channel', 'payload_enc', 'recipient_enc'])
      .where('dedupe_key', 'like', 'dispatch:%')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === 'email' && !r.recipient_enc.includes('@'))).toBe(true);
    expect(JSON.parse(t.deps.keyring.decrypt('contact', rows[0].payload_enc!))).toMatchObject({ type: 'dispatch' });
  });
});

describe.each(DIALECTS)('dispatch notices on %s', (dialect) => {
  it('are sent by email in the responder’s language, naming the kind of report but not the place', async () => {
    const { startSmtpDouble } = await import('../../../test/doubles/smtp.double.ts');
    const { createOutboxWorker, channelsFromConfig } = await import('../notify/index.ts');
    const { outboxHandlers } = await import('../../modules.ts');
    const smtp = await startSmtpDouble();
    const t = await createTestApp(dialect);
    try {
      const f = await seedFixture(t.deps);
      t.deps.config = { ...t.deps.config, smtp: { url: smtp.url, from: 'Switchboard <dispatch@example.org>' } };
      const responder = await signIn(t.app, f.accounts.responder.email);
      await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: responder }, payload: { language: 'so' } });
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/networks/alpha/responder/availability',
        headers: { cookie: responder },
        payload: { available: true, cell: cellNear(0) },
      });
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/reports',
        payload: { category: 'workplace_raid', point: SCENE, locationText: '2400 Secret St' },
      });
      const dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
      const [incident] = (
        await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/incidents', headers: { cookie: dispatcher } })
      ).json().incidents;
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/networks/alpha/incidents/${incident.id}/dispatches`,
        headers: { cookie: dispatcher },
        payload: { count: 1 },
      });
      const worker = createOutboxWorker(t.deps, {
        channels: channelsFromConfig(t.deps.config),
        handlers: outboxHandlers(t.deps),
      });
      expect((await worker.runOnce()).sent).toBe(1);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0].to).toEqual([f.accounts.responder.email]);
      expect(smtp.mails[0].subject).toBe('Switchboard: waxaa lagaa codsaday inaad ka jawaabto');
      expect(smtp.mails[0].text).not.toContain('Secret St');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
