import { latLngToCell } from 'h3-js';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushServiceDouble, type PushServiceDouble } from '../../../test/doubles/web-push.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import type { OutboxWorker } from '../notify/index.ts';
import { createAlertOutboxWorker } from './index.ts';

const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const LAKE_CELL = latLngToCell(LAKE.lat, LAKE.lng, 7);

// The push for an update names which update it is, as SMS and email do; decrypted at the push service.
describe.each(DIALECTS)('alert update pushes on %s', (dialect) => {
  let t: TestApp;
  let dispatcher: string;
  let push: PushServiceDouble;
  let worker: OutboxWorker;
  const ids: Record<string, string> = {};
  const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: dispatcher }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    push = await startPushServiceDouble();
    t = await createTestApp(dialect, { env: { PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1', NODE_ENV: 'test' } });
    const f = await seedFixture(t.deps);
    dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    t.deps.config = { ...t.deps.config, vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:alerts@example.org' } };
    worker = createAlertOutboxWorker(t.deps);
    for (const [name, language, discreet] of [
      ['en', 'en', false],
      ['es', 'es', false],
      ['so-discreet', 'so', true],
    ] as const) {
      const { id, subscription } = push.subscribe();
      ids[name] = id;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/alert-subscriptions',
        payload: { channel: 'push', push: subscription, cells: [LAKE_CELL], language, discreet },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });

  it('names the preset in the subscriber language; discreet still carries nothing', async () => {
    for (const point of [LAKE, NEAR])
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/networks/alpha/reports',
            payload: { category: 'checkpoint', point },
          })
        ).statusCode,
      ).toBe(201);
    const incident = (await as('GET', '/api/v1/networks/alpha/incidents')).json().incidents[0];
    const status = await as('POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
      status: 'verified',
      reason: 'corroborated',
      version: incident.version,
    });
    expect(status.statusCode, status.body).toBe(200);
    await worker.runOnce();
    const before = push.received.length;

    const updates: Record<string, Record<string, string>> = {};
    for (const preset of ['agents_left', 'observers_on_scene']) {
      t.clock.advance(11 * 60_000);
      const res = await as('POST', `/api/v1/networks/alpha/incidents/${incident.id}/alert-updates`, { preset });
      expect(res.statusCode, res.body).toBe(201);
      const mark = push.received.length;
      expect(await worker.runOnce()).toMatchObject({ sent: 3, dead: 0 });
      updates[preset] = Object.fromEntries(
        push.received.slice(mark).map((p) => [p.subscriptionId, JSON.parse(p.payload).body as string]),
      );
    }
    expect(push.refused).toEqual([]);
    expect(push.received.length - before).toBe(6);

    expect(updates.agents_left[ids.en]).toMatch(/^Agents have left the area around 44\.\d\d, -93\.\d\d \(Checkpoint\)$/);
    expect(updates.agents_left[ids.es]).toMatch(/^Los agentes se fueron de .* \(Retén\)$/);
    expect(updates.observers_on_scene[ids.en]).toMatch(/^Legal observers are now at the Checkpoint near /);
    expect(updates.observers_on_scene[ids.es]).toMatch(/^Hay observadores legales en Retén cerca de /);
    // Two different updates read differently (they used to be the same "Checkpoint — area").
    expect(updates.agents_left[ids.en]).not.toBe(updates.observers_on_scene[ids.en]);
    // Discreet: the generic line, nothing about the preset, category or place.
    for (const preset of Object.keys(updates)) expect(updates[preset][ids['so-discreet']]).toBe('Warbixin bulsho — fur app-ka');
  });
});
