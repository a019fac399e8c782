import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { emit } from '../../platform/wiring.ts';
import { runClaimTimers } from './index.ts';
import { requestBody } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';
const DAY = 86_400_000;

/**
 * Care while sealed (docs/decisions/0018-care-sealed-intake.md): even with the sealed-intake
 * public key published (reports are held then), a care request is refused with a translated
 * 503 and nothing is stored or held; the claim timers wait; with the key back all works again.
 */
describe.each(DIALECTS)('care while sealed, after the intake key was published, on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coord: string;
  const master = randomBytes(32);
  const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { 'accept-language': 'es', ...(cookie ? { cookie } : {}) },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.deps.keyring.load(master);
    f = await seedFixture(t.deps);
    // Started once with the key: the sealed-intake public key is stored, as before a reboot.
    await emit(t.deps, 'system.unsealed', { via: 'start' });
    // Messages follow the signed-in person's language: the coordinator reads Spanish too.
    await t.deps.database.db
      .updateTable('accounts')
      .set({ language: 'es' })
      .where('id', '=', f.accounts.org_coordinator.id)
      .execute();
    coord = await signIn(t.app, f.accounts.org_coordinator.email);
  });
  afterAll(() => t.close());

  it('refuses public and member requests and offers with 503 sealed, translated; nothing stored, nothing held', async () => {
    const taskId = (await call(coord, 'POST', `${BASE}/requests`, requestBody('9 Sealed Street'))).json().taskId as string;
    expect((await call(coord, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA })).statusCode).toBe(200);
    const before = await t.deps.database.db.selectFrom('care_requests').select('id').execute();
    t.deps.keyring.seal();

    const key = await t.deps.database.db
      .selectFrom('system_state')
      .select('value')
      .where('key', '=', 'sealed_intake.public_key')
      .executeTakeFirst();
    expect(key?.value).toBeTruthy();
    for (const [cookie, url, body] of [
      [undefined, `${BASE}/public-requests`, requestBody('10 Sealed Street', { language: 'so' })],
      [coord, `${BASE}/requests`, requestBody('11 Sealed Street')],
      [coord, `${BASE}/offers`, { kind: 'storage', storage: { description: 'Garage' }, contact: '+1 612 555 0142' }],
    ] as const) {
      const res = await call(cookie, 'POST', url, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(503);
      expect(res.json().error).toMatchObject({
        code: 'sealed',
        message: 'El servidor está bloqueado. Un administrador debe desbloquearlo primero.',
      });
      expect(res.body).not.toContain('Sealed Street');
    }
    expect(await t.deps.database.db.selectFrom('care_requests').select('id').execute()).toHaveLength(before.length);
    expect(await t.deps.database.db.selectFrom('sealed_intake').select('id').execute()).toEqual([]);
    expect(await t.deps.database.db.selectFrom('care_offers').select('id').execute()).toEqual([]);

    // The timers wait for the key (their notices need it), then catch up.
    t.clock.advance(8 * DAY);
    expect(await runClaimTimers(t.deps)).toEqual({ transferred: 0, released: 0 });
    const still = await t.deps.database.db
      .selectFrom('care_tasks')
      .select('status')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('claimed');

    t.deps.keyring.load(Buffer.from(master));
    expect((await runClaimTimers(t.deps)).released).toBe(1);
    const filed = await call(undefined, 'POST', `${BASE}/public-requests`, requestBody('12 Unsealed Street'));
    expect(filed.statusCode, filed.body).toBe(201);
    coord = await signIn(t.app, f.accounts.org_coordinator.email);
    const list = (await call(coord, 'GET', `${BASE}/requests`)).json().requests as { status: string; origin: string }[];
    expect(list.filter((r) => r.origin === 'public' && r.status === 'new')).toHaveLength(1);
  });
});
