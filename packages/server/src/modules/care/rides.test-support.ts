// Test support for the rides API tests: a ride body with a typed address and no point, a ride
import type { OrgRole } from '@switchboard/shared';
// filed and claimed through the API, and people added to an organization.
import type { Fixture, TestApp } from '../../../test/harness/test-app.ts';
import { signIn, TEST_PASSWORD } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from '../networks/index.ts';
import { caller } from '../shifts/shifts.test-support.ts';

export const RIDES = '/api/v1/networks/alpha/care/rides';
export { caller };

/** A ride body: typed pickup and drop-off, no point, an SMS-only contact; a Tuesday morning in Minneapolis. */
export const rideBody = (extra: object = {}) => ({
  kind: 'court_hearing',
  pickup: `${newId().slice(-6)} Cedar Avenue South, basement door`,
  dropoff: 'Hennepin County Government Center, 300 S 6th St',
  contact: '+1 612 555 0123',
  date: '2026-12-01',
  windowStart: '09:00',
  windowEnd: '10:00',
  language: 'so',
  ...extra,
});

/** A ride filed by `cookie`; returns its (first) trip id. */
export async function fileRide(t: TestApp, cookie: string, extra: object = {}) {
  const res = await caller(t.app)(cookie, 'POST', RIDES, rideBody(extra));
  if (res.statusCode !== 201) throw new Error(`filing failed: ${res.statusCode} ${res.body}`);
  return res.json().rides[0].id as string;
}

/** A new active member of an organization with roles, signed in. */
export async function memberIn(t: TestApp, f: Fixture, orgId: string, key: string, roles: OrgRole[]) {
  const email = `${key}-${newId().slice(-8)}@test.local`;
  const id = await createAccount(t.deps, { email, password: TEST_PASSWORD, displayName: key, language: 'en' });
  await insertMembership(t.deps.database.db, {
    id: newId(),
    networkId: f.networkId,
    organizationId: orgId,
    accountId: id,
    roles,
    status: 'active',
    now: t.clock.now(),
  });
  return { id, email, cookie: await signIn(t.app, email) };
}
