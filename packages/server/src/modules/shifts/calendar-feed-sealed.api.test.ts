import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, makeSite } from './shifts.test-support.ts';

// A feed URL gives site names and addresses to whoever holds it: while sealed, nothing.
describe.each(DIALECTS)('calendar feeds while sealed on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const master = randomBytes(32);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.deps.keyring.load(master);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('answers 503 sealed, translated, and the feed again once unsealed', async () => {
    const coord = await signIn(t.app, f.accounts.org_coordinator.email);
    const site = await makeSite(t.app, f, coord, { address: '2900 Chicago Ave, Minneapolis' });
    const url = new URL(
      (await caller(t.app)(coord, 'POST', `/api/v1/networks/alpha/sites/${site.id}/calendar-feed`)).json().url as string,
    ).pathname;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);

    t.deps.keyring.seal();
    const sealed = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'es' } });
    expect(sealed.statusCode).toBe(503);
    expect(sealed.json().error).toMatchObject({
      code: 'sealed',
      message: 'El servidor está bloqueado. Un administrador debe desbloquearlo primero.',
    });
    expect(sealed.body).not.toContain('Chicago');

    t.deps.keyring.load(Buffer.from(master));
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });
});
