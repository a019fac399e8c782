import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ORG_ROLES, OutboxPayload, type OrgRole } from '@switchboard/shared';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Dialect } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/identity/index.ts';
import { addNetworkAdmin, createNetwork, insertMembership, insertOrganization } from '../../src/modules/networks/index.ts';
import { fakeClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import { Keyring } from '../../src/platform/crypto/keyring.ts';
import { createEventBus } from '../../src/platform/events/event-bus.ts';
import { newId } from '../../src/platform/ids.ts';
import type { ResolveHost } from '../../src/platform/net/resolve-host.ts';
import { createTestDatabase, type TestDatabase } from './dialects.ts';
import { wireModules } from '../../src/modules.ts';

/** The password of every fixture account. */
export const TEST_PASSWORD = 'correct horse battery staple';
/** The public URL tests pretend to be served at. */
export const TEST_ORIGIN = 'http://localhost:8080';

/** A running app on a fresh database of one dialect, with a clock tests can move. */
export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof fakeClock>;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** Build the real app around a fresh database; `sealed` starts it without a key. */
export async function createTestApp(
  dialect: Dialect,
  options: { sealed?: boolean; signInLimit?: number; env?: Record<string, string>; resolveHost?: ResolveHost } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  const clock = fakeClock();
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    PUBLIC_URL: TEST_ORIGIN,
    LOG_LEVEL: 'silent',
    SIGN_IN_LIMIT_PER_MINUTE: String(options.signInLimit ?? 10_000),
    REPORT_LIMIT_PER_MINUTE: '100000',
    FLOOD_REPORTS_PER_MINUTE: '100000',
    ...options.env,
  });
  const keyring = options.sealed ? new Keyring() : new Keyring(randomBytes(32));
  const deps: Deps = {
    config,
    database: testDb.database,
    keyring,
    clock,
    events: await createEventBus(testDb.database, keyring),
    wiring: wireModules(),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  };
  const app = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    clock,
    testDb,
    close: async () => {
      await app.close();
      await deps.events.close();
      // Whatever a test made the server queue must be a payload the worker can read.
      await assertOutboxPayloadsParse(deps);
      await testDb.drop();
    },
  };
}

/** Every outbox row's payload parses with the shared schema (packages/shared/src/schemas/outbox.ts). */
export async function assertOutboxPayloadsParse(deps: Deps): Promise<void> {
  const rows = await deps.database.db.selectFrom('outbox').select(['id', 'payload', 'payload_enc']).execute();
  for (const r of rows) {
    // Bodies are encrypted (2026-12-04T0013); a test that sealed the server has loaded its key again.
    const body = r.payload_enc !== null ? deps.keyring.decrypt('contact', r.payload_enc) : r.payload;
    const parsed = OutboxPayload.safeParse(typeof body === 'string' ? JSON.parse(body) : body);
    if (!parsed.success) throw new Error(`outbox row ${r.id} has a payload the worker cannot read: ${parsed.error.message}`);
  }
}

/** Personas of the standard fixture: one per role, plus the edge cases authorization must handle. */
export type Persona = 'admin' | OrgRole | 'pending' | 'outsider' | 'coordinator_b';

/** Ids in the standard fixture. */
export interface Fixture {
  networkId: string;
  slug: string;
  orgA: string;
  orgB: string;
  pendingOrg: string;
  otherSlug: string;
  accounts: Record<Persona, { id: string; email: string; membershipId?: string }>;
}

/**
 * Network "alpha" with organizations A and B (active) and one asking to join; a
 * network admin; one active member of A per organization role; a pending member of A;
 * the coordinator of B; and an outsider who belongs to network "beta" only.
 */
export async function seedFixture(deps: Deps): Promise<Fixture> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const alpha = await createNetwork(deps, { slug: 'alpha', name: 'Alpha Network', timeZone: 'America/Chicago' });
  const beta = await createNetwork(deps, { slug: 'beta', name: 'Beta Network', timeZone: 'America/Chicago' });
  const org = async (networkId: string, name: string, status = 'active') => {
    const id = newId();
    await insertOrganization(db, { id, networkId, name, kind: 'formal', type: 'nonprofit', status, requestedBy: null, now });
    return id;
  };
  const orgA = await org(alpha.id, 'Org A');
  const orgB = await org(alpha.id, 'Org B');
  const pendingOrg = await org(alpha.id, 'Org Pending', 'pending');
  const orgBeta = await org(beta.id, 'Beta Org');
  const accounts = {} as Fixture['accounts'];
  const person = async (
    key: Persona,
    networkId: string,
    organizationId: string | null,
    roles: OrgRole[],
    status: 'active' | 'pending' = 'active',
  ) => {
    const email = `${key}@test.local`;
    const id = await createAccount(deps, { email, password: TEST_PASSWORD, displayName: key, language: 'en' });
    let membershipId: string | undefined;
    if (organizationId) {
      membershipId = newId();
      await insertMembership(db, { id: membershipId, networkId, organizationId, accountId: id, roles, status, now });
    }
    accounts[key] = { id, email, membershipId };
    return id;
  };
  await addNetworkAdmin(db, alpha.id, await person('admin', alpha.id, null, []), now);
  for (const role of ORG_ROLES) await person(role, alpha.id, orgA, [role]);
  await person('pending', alpha.id, orgA, ['responder'], 'pending');
  await person('coordinator_b', alpha.id, orgB, ['org_coordinator']);
  await person('outsider', beta.id, orgBeta, ['org_coordinator', 'dispatcher']);
  return { networkId: alpha.id, slug: 'alpha', orgA, orgB, pendingOrg, otherSlug: 'beta', accounts };
}

/** Sign in over HTTP and return the Cookie header for later requests. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sb_session');
  if (!cookie) throw new Error('no session cookie');
  return `sb_session=${cookie.value}`;
}
