import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { closeDeps, createDeps } from './platform/bootstrap.ts';
import type { Deps } from './platform/context.ts';
import { reencryptAll } from './platform/crypto/rotation.ts';
import { startScheduler } from './platform/jobs.ts';
import { expireDispatches } from './modules/dispatch/index.ts';
import { purgeExpired } from './modules/reports/index.ts';
import { alertPayloadHandler, purgeUnconfirmedSubscriptions } from './modules/alerts/index.ts';
import { dispatchPayloadHandler } from './modules/dispatch/index.ts';
import { channelsFromConfig, createOutboxWorker } from './modules/notify/index.ts';
import { shiftsJobs, shiftsOutboxHandlers } from './modules/shifts/index.ts';
import { trainingJobs, trainingOutboxHandlers } from './modules/training/index.ts';

/** Start serving: migrate, load the key (or stay sealed), listen, and stop cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config, prepared?: Deps): Promise<void> {
  const deps = prepared ?? (await createDeps(config));
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  if (deps.keyring.sealed)
    app.log.warn('Started SEALED: no key loaded. Sensitive data cannot be read until a deployment admin unseals.');
  if (deps.keyring.previousKeyrings().length > 0) {
    // Key rotation: re-encrypt in the background while serving; old fields stay readable meanwhile.
    reencryptAll(deps.database.db, deps.keyring).then(
      (n) => app.log.info({ fields: n }, 'key rotation: re-encryption finished; SWITCHBOARD_PREVIOUS_KEY_FILE can be removed'),
      (err) => app.log.error({ err }, 'key rotation: re-encryption failed; it resumes at next start'),
    );
  }
  const stopJobs = startScheduler(
    [
      { name: 'dispatch-timeouts', everyMs: 15_000, run: () => expireDispatches(deps) },
      { name: 'retention-purge', everyMs: 15 * 60_000, run: () => purgeExpired(deps) },
      { name: 'alert-subscriptions-purge', everyMs: 5 * 60_000, run: () => purgeUnconfirmedSubscriptions(deps) },
      ...trainingJobs(deps),
      ...shiftsJobs(deps),
    ],
    (job, err) => app.log.error({ err, job }, 'scheduled job failed'),
  );
  // Outbox: alerts and dispatch notices queued in a transaction are sent (and retried) from here; leases make restarts safe.
  const outbox = createOutboxWorker(deps, {
    channels: channelsFromConfig(deps.config),
    handlers: {
      alert: alertPayloadHandler(deps),
      dispatch: dispatchPayloadHandler(deps),
      ...trainingOutboxHandlers(deps),
      ...shiftsOutboxHandlers(deps),
    },
  });
  outbox.start(2_000, (err) => app.log.error({ err }, 'outbox run failed'));
  const stop = async () => {
    stopJobs();
    await outbox.stop();
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
