import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

// The store is in memory, so one dialect tells all; the routes it guards are tested on both elsewhere.
describe('Idempotency-Key on signed-in changes', () => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  let admin: string;
  let made = 0;
  // A fresh incident each time: reports far apart never cluster into one.
  const incidentUrl = async () => {
    const lat = 44.9 + 0.05 * made++;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      payload: { category: 'home_raid', point: { lat, lng: -93.2526 } },
    });
    const incidentId = res.json().incidentId as string | undefined;
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/incidents', headers: { cookie: dispatcher } })
    ).json();
    const inc = (list.incidents as { id: string; version: number; point?: { lat: number } }[]).find((i) =>
      incidentId ? i.id === incidentId : i.point?.lat === lat,
    );
    if (!inc) throw new Error(`no incident for the report at ${lat}: ${res.body}`);
    return { url: `/api/v1/networks/alpha/incidents/${inc.id}`, version: inc.version };
  };
  const post = (cookie: string, url: string, payload: object, key?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) } });

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    admin = await signIn(t.app, f.accounts.admin.email);
  });
  afterAll(() => t.close());

  it('a repeat of a change that was applied gets the first answer and is not applied again', async () => {
    const inc = await incidentUrl();
    const body = { status: 'verifying', version: inc.version };
    const first = await post(dispatcher, `${inc.url}/status`, body, 'offline-action-0001');
    expect(first.statusCode).toBe(200);
    // Without the key, the same request is a stale version (what a replay would hit).
    const again = await post(dispatcher, `${inc.url}/status`, body, 'offline-action-0001');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const now = (await t.app.inject({ method: 'GET', url: inc.url, headers: { cookie: dispatcher } })).json();
    expect(now.incident.version).toBe(first.json().version);
    expect(now.incident.status).toBe('verifying');
  });

  it('without a key, or with a new key, the request runs for real', async () => {
    const inc = await incidentUrl();
    const body = { status: 'verifying', version: inc.version };
    expect((await post(dispatcher, `${inc.url}/status`, body)).statusCode).toBe(200);
    expect((await post(dispatcher, `${inc.url}/status`, body, 'offline-action-0002')).statusCode).toBe(409);
  });

  it('a refusal is kept too, and a key is one person’s: another caller with the same key is not answered from it', async () => {
    const inc = await incidentUrl();
    const stale = { status: 'verifying', version: inc.version - 1 };
    const refused = await post(dispatcher, `${inc.url}/status`, stale, 'offline-action-0003');
    expect(refused.statusCode).toBe(409);
    expect((await post(dispatcher, `${inc.url}/status`, stale, 'offline-action-0003')).statusCode).toBe(409);
    const theirs = await post(admin, `${inc.url}/status`, { status: 'verifying', version: inc.version }, 'offline-action-0003');
    // Their own answer (a network admin does not dispatch), not the dispatcher's kept 409.
    expect(theirs.statusCode).toBe(403);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('two attempts at once (a retry while the first is still on its way): it runs once and both get its answer', async () => {
    const inc = await incidentUrl();
    const body = { status: 'verifying', version: inc.version };
    const [a, b] = await Promise.all([
      post(dispatcher, `${inc.url}/status`, body, 'offline-action-0004'),
      post(dispatcher, `${inc.url}/status`, body, 'offline-action-0004'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json()).toEqual(a.json());
    const now = (await t.app.inject({ method: 'GET', url: inc.url, headers: { cookie: dispatcher } })).json();
    expect(now.incident.version).toBe(inc.version + 1);
  });

  it('a malformed key is refused with a stable code', async () => {
    const inc = await incidentUrl();
    const res = await post(dispatcher, `${inc.url}/status`, { status: 'verifying', version: inc.version }, 'bad key!');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });
});
