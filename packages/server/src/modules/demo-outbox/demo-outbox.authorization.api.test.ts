import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { DemoOutbox } from '../../platform/demo-outbox.ts';
import { DEMO_OUTBOX_POLICY } from './demo-outbox.policy.ts';

/**
 * From the policy table: with the demo's sink active every persona reads the outbox
 * route, and the answer is 403 exactly when the table says no (it holds contacts).
 */
describe.each(DIALECTS)('demo-outbox authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    t.deps.demoOutbox = new DemoOutbox(new Set(['email', 'sms']));
    t.deps.demoOutbox.record('sms', { to: '+16125550123', text: 'Your code: 123456' });
  });
  afterAll(() => t.close());

  it.each(PERSONAS)('%s', async (persona) => {
    const cookie = await signIn(t.app, f.accounts[persona].email);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/networks/alpha/demo-outbox', headers: { cookie } });
    const allowed = expectedAllowed(persona, DEMO_OUTBOX_POLICY['demo_outbox.read'], 'none');
    expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
    if (allowed) expect(res.json().messages[0].to).toBe('+16125550123');
    else expect(res.body).not.toContain('5550123');
  });
});
