// The contract of the live streams: every event real flows publish on the event bus —
// what SSE sends to dispatcher, responder and public alert pages, and NOTIFY to other
// app processes — parses with the shared StreamEvent schema the web app validates with.
import { StreamEvent } from '@switchboard/shared';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BusEvent } from '../../src/platform/events/event-bus.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../harness/test-app.ts';

const SCENE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const EVENT_TYPES = StreamEvent.options.map((o) => o.shape.type.value);
/** Fields an event may leave out (the responder change of an older process has no certifications). */
const OPTIONAL = new Set(['certified']);

/** What a browser (SSE) or another app process (NOTIFY) receives: the event's body as JSON. */
const onTheWire = (e: BusEvent) => ({ type: e.type, data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown> });

/** The DTO an event carries: `data.report`, `data.incident`, … — or, for a responder change, `data` itself. */
const dtoOf = (wire: ReturnType<typeof onTheWire>) =>
  (wire.type === 'responder.updated' ? wire.data : Object.values(wire.data)[0]) as Record<string, unknown>;

describe.each(DIALECTS)('stream events against the shared StreamEvent schema on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let dispatcher: string;
  let responder: string;
  let stopListening: () => void;
  const seen: BusEvent[] = [];
  const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string }>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return JSON.parse(r.body);
  };
  const net = '/api/v1/networks/alpha';
  const setStatus = async (incidentId: string, status: string, extra: object = {}) => {
    const { incident } = await ok(call(dispatcher, 'GET', `${net}/incidents/${incidentId}`));
    await ok(call(dispatcher, 'POST', `${net}/incidents/${incidentId}/status`, { status, version: incident.version, ...extra }));
  };
  const availability = (body: object) => ok(call(responder, 'PUT', `${net}/responder/availability`, body));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [dispatcher, responder] = await Promise.all([f.accounts.dispatcher, f.accounts.responder].map((a) => signIn(t.app, a.email)));
    stopListening = t.deps.events.subscribe(f.networkId, (e) => seen.push(e));
  });
  afterAll(async () => {
    stopListening();
    await t.close();
  });

  it('drives the flows that publish: reports, a lock and status changes, availability, a dispatch and its answers, alerts', async () => {
    // Two neighbours at one corner (one leaves a callback number), and a call-in with no point.
    const report = { category: 'home_raid', locationText: 'Lake St & 27th Ave', description: 'Two vans, agents at a door' };
    await ok(call(undefined, 'POST', `${net}/reports`, { ...report, point: SCENE, contact: '+16125550199' }), 201);
    await ok(call(undefined, 'POST', `${net}/reports`, { ...report, point: NEAR, language: 'so' }), 201);
    await ok(call(dispatcher, 'POST', `${net}/phone-reports`, { category: 'traffic_stop', locationText: 'Hwy 55' }), 201);
    const { incidents } = await ok(call(dispatcher, 'GET', `${net}/incidents`));
    const incidentId = incidents.find((i: { category: string }) => i.category === 'home_raid').id as string;

    await ok(call(dispatcher, 'POST', `${net}/incidents/${incidentId}/lock`, {}));
    await setStatus(incidentId, 'verifying', { note: 'calling the reporter back' });

    await availability({ available: true, cell: latLngToCell(SCENE.lat, SCENE.lng, 8) });
    const { dispatches } = await ok(call(dispatcher, 'POST', `${net}/incidents/${incidentId}/dispatches`, { count: 1 }));
    expect(dispatches).toHaveLength(1);
    for (const status of ['accepted', 'en_route', 'on_scene'])
      await ok(call(responder, 'PATCH', `${net}/dispatches/${dispatches[0].id}`, { status }));

    await setStatus(incidentId, 'verified', { reason: 'on_scene_confirmation' });
    await ok(call(dispatcher, 'POST', `${net}/incidents/${incidentId}/alert-updates`, { preset: 'observers_on_scene' }), 201);
    await ok(call(dispatcher, 'DELETE', `${net}/incidents/${incidentId}/lock`));
    await setStatus(incidentId, 'resolved');
    await availability({ available: false });

    // Intake publishes after its group commit: wait until every kind has come through.
    await vi.waitFor(() => expect(new Set(seen.map((e) => e.type))).toEqual(new Set(EVENT_TYPES)));
    const alerts = seen.filter((e) => e.type === 'alert.published').map((e) => (e.data.alert as { kind: string }).kind);
    expect(alerts).toEqual(['verified', 'update', 'all_clear']);
  });

  it('every event published parses with StreamEvent, and carries nothing the schema does not name', () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const e of seen) {
      const wire = onTheWire(e);
      const parsed = StreamEvent.safeParse(wire);
      expect(parsed.error?.issues, `${e.type}: ${JSON.stringify(wire.data)}`).toBeUndefined();
      // Unknown keys are dropped by the parse: equal means nothing more rode along (no contact, no precise cell).
      expect(parsed.data, e.type).toEqual(wire);
    }
  });

  it('fails an event with any field missing or of the wrong type', () => {
    for (const type of EVENT_TYPES) {
      const wire = onTheWire(seen.find((e) => e.type === type)!);
      for (const field of Object.keys(dtoOf(wire))) {
        const missing = structuredClone(wire);
        delete dtoOf(missing)[field];
        if (!OPTIONAL.has(field)) expect(StreamEvent.safeParse(missing).success, `${type} without ${field}`).toBe(false);
        // An empty object is the wrong type for every field these events have.
        const mistyped = structuredClone(wire);
        dtoOf(mistyped)[field] = {};
        expect(StreamEvent.safeParse(mistyped).success, `${type} with ${field}: {}`).toBe(false);
      }
    }
  });
});
