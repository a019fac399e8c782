import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/harness/dialects.ts';
import { createTestApp, type TestApp } from '../../test/harness/test-app.ts';
import { DEMO_PASSWORD, seedDemo } from './demo-seed.ts';

/** The demo network's settings: what lets `npm run demo` show the whole loop. */
describe.each(DIALECTS)('the demo network on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
  });
  afterAll(() => t.close());

  it('has its public alert page on (anyone may read its alerts) and a hotline number', async () => {
    const alerts = await t.app.inject({ method: 'GET', url: '/api/v1/networks/twin-cities/alerts' });
    expect(alerts.statusCode, alerts.body).toBe(200);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@demo.switchboard.local', password: DEMO_PASSWORD },
    });
    const cookie = `sb_session=${signIn.cookies[0].value}`;
    const network = await t.app.inject({ method: 'GET', url: '/api/v1/networks/twin-cities', headers: { cookie } });
    expect(network.json().settings.rapidResponse).toMatchObject({ publicAlertMap: true, hotlineNumber: '+16125550000' });
  });
});
