import { expect } from 'vitest';
import { signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from '../networks/index.ts';

/** The funds routes of the fixture's network. */
export const FUNDS = '/api/v1/networks/alpha/funds';

/** An HTTP call as a cookie (or nobody). */
export const caller =
  (t: TestApp) => (cookie: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** Another treasurer of organization A (the two-person rule needs more than one). */
export async function extraTreasurer(t: TestApp, f: Fixture, key: string): Promise<{ id: string; cookie: string }> {
  const email = `${key}@test.local`;
  const id = await createAccount(t.deps, { email, password: TEST_PASSWORD, displayName: key, language: 'en' });
  await insertMembership(t.deps.database.db, {
    id: newId(),
    networkId: f.networkId,
    organizationId: f.orgA,
    accountId: id,
    roles: ['treasurer'],
    status: 'active',
    now: t.clock.now(),
  });
  return { id, cookie: await signIn(t.app, email) };
}

/** A new fund with a donation in it (when `amount` > 0): its id. */
export async function fundWith(t: TestApp, cookie: string, amount: number, name = `Fund ${newId().slice(-6)}`): Promise<string> {
  const call = caller(t);
  const created = await call(cookie, 'POST', FUNDS, { name, kind: 'general' });
  expect(created.statusCode, created.body).toBe(201);
  const fundId = created.json().id as string;
  if (amount > 0) {
    const d = await call(cookie, 'POST', `${FUNDS}/donations`, { fundId, amountMinor: amount, sourceType: 'individual' });
    expect(d.statusCode, d.body).toBe(201);
  }
  return fundId;
}
