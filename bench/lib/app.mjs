// The real Switchboard app for benchmarks: fresh database, random key, the standard
// test fixture, listening on loopback. Limits a load test would trip are raised; the
// limiters themselves still run on every request.
import { randomBytes } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { listen } from './harness.mjs';

register();
const { buildApp } = await import('../../packages/server/src/app.ts');
const { loadConfig } = await import('../../packages/server/src/config.ts');
const { openDatabase } = await import('../../packages/server/src/db/database.ts');
const { migrate } = await import('../../packages/server/src/db/migrator.ts');
const { systemClock } = await import('../../packages/server/src/platform/clock.ts');
const { Keyring } = await import('../../packages/server/src/platform/crypto/keyring.ts');
const { createEventBus } = await import('../../packages/server/src/platform/events/event-bus.ts');
const { wireModules } = await import('../../packages/server/src/modules.ts');
const { seedFixture, signIn } = await import('../../packages/server/test/harness/test-app.ts');

const LOAD_TEST_LIMITS = {
  SIGN_IN_LIMIT_PER_MINUTE: '1000000000',
  REPORT_LIMIT_PER_MINUTE: '1000000000',
  FLOOD_REPORTS_PER_MINUTE: '1000000000',
};

/** Start the app on `databaseUrl`; returns its base URL, fixture, deps, an admin cookie and close(). */
export async function realApp(databaseUrl) {
  // TRUST_PROXY: the load generator names a different source per request (X-Forwarded-For).
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '1',
    PUBLIC_URL: 'http://127.0.0.1',
    ...LOAD_TEST_LIMITS,
  });
  const database = openDatabase(databaseUrl, { backgroundCheckpoints: true });
  await migrate(database.db, database.dialect);
  const deps = {
    config,
    database,
    keyring: new Keyring(randomBytes(32)),
    clock: systemClock,
    events: await createEventBus(database),
    wiring: wireModules(),
  };
  const fixture = await seedFixture(deps);
  const app = await buildApp(deps, { logger: false });
  const cookie = await signIn(app, fixture.accounts.admin.email);
  const base = await listen(app);
  return {
    base,
    fixture,
    deps,
    cookie,
    close: async () => {
      await app.close();
      await deps.events.close();
      await database.close();
    },
  };
}
