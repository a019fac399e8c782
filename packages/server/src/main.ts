import { buildApp } from './app.ts';
import { closeDeps, createDeps } from './bootstrap.ts';
import type { Config } from './config.ts';
import { isDatabaseUnavailable } from './db/connection-errors.ts';
import { encryptedColumns, outboxHandlers, purgeAll, scheduledJobs, sealPlaintextAll } from './modules.ts';
import { channelsOf, createOutboxWorker } from './modules/notify/index.ts';
import type { Deps } from './platform/context.ts';
import { reencryptAll } from './platform/crypto/rotation.ts';
import { plaintextSealer } from './seal-plaintext-job.ts';
import { startScheduler } from './platform/jobs.ts';
import { emit } from './platform/wiring.ts';
import { startAuditCheckpointer } from './platform/audit/audit-checkpointer.ts';

/** How often every module's retention purge runs. */
const PURGE_EVERY_MS = 15 * 60_000;

/** Start serving: migrate, load the key (or stay sealed), listen, and stop cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config, prepared?: Deps): Promise<void> {
  const deps = prepared ?? (await createDeps(config));
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  if (config.pushEndpoints.allowLoopback || config.pushEndpoints.loopbackIgnored)
    app.log.warn(
      config.pushEndpoints.allowLoopback
        ? 'PUSH_ALLOW_LOOPBACK_FOR_TESTS is ON (NODE_ENV=test): push subscriptions may point at this machine. Never run a real server like this.'
        : 'PUSH_ALLOW_LOOPBACK_FOR_TESTS is set but IGNORED (NODE_ENV is not "test"): remove it from this server\'s environment.',
    );
  if (deps.keyring.sealed)
    app.log.warn(
      'Started SEALED: no key loaded. Sensitive data cannot be read until a deployment admin unseals; reports are held, sealed, until then.',
    );
  // Started with the key (key file, or the passphrase at the terminal): store the intake
  // public key for the next sealed start, and file reports held while it was sealed.
  else
    emit(deps, 'system.unsealed', { via: 'start' }).catch((err) =>
      app.log.error({ err }, 'sealed intake: filing held reports failed; it is tried again shortly'),
    );
  if (deps.keyring.previousKeyrings().length > 0) {
    // Key rotation: re-encrypt in the background while serving; old fields stay readable meanwhile.
    reencryptAll(deps.database.db, deps.keyring, encryptedColumns()).then(
      (n) => app.log.info({ fields: n }, 'key rotation: re-encryption finished; SWITCHBOARD_PREVIOUS_KEY_FILE can be removed'),
      (err) => app.log.error({ err }, 'key rotation: re-encryption failed; it resumes at next start'),
    );
  }
  // Encryption at rest of rows stored in plaintext (before it existed, or while sealed): now if
  // the key is loaded, else on the first turn after an admin unseals (the job below).
  const sealPlaintext = plaintextSealer({
    isSealed: () => deps.keyring.sealed,
    now: () => deps.clock.now().getTime(),
    pass: () =>
      sealPlaintextAll(deps).then((n) => {
        if (n > 0) app.log.info({ rows: n }, 'sealed plaintext rows into their encrypted columns');
        return n;
      }),
  });
  sealPlaintext().catch((err) => app.log.error({ err }, 'sealing plaintext failed; it runs again in a minute'));
  let lastCheckpointOutcome: string | undefined;
  // Sign the audit chain's head after every append (and at start: a rotated key re-signs it).
  const checkpointer = startAuditCheckpointer(
    { db: deps.database.db, keyring: deps.keyring, now: () => deps.clock.now(), exportFile: deps.config.auditExportFile },
    (outcome) => {
      // Said once per change, not every 10 s while it lasts.
      const kind = outcome instanceof Error ? 'error' : outcome;
      if (kind !== lastCheckpointOutcome && outcome instanceof Error) app.log.error({ err: outcome }, 'audit checkpoint failed');
      else if (kind !== lastCheckpointOutcome && outcome === 'refused')
        app.log.error(
          'audit checkpoint refused: the head does not continue the last signed checkpoint; run `switchboard audit verify`',
        );
      lastCheckpointOutcome = kind;
    },
  );
  // While the database is away every run fails the same way: one line each, not a stack trace.
  const failed = (job: string, err: unknown) =>
    isDatabaseUnavailable(err)
      ? app.log.warn({ job }, 'database unavailable; the job runs again on its next turn')
      : app.log.error({ err, job }, 'scheduled job failed');
  const stopJobs = startScheduler(
    [
      { name: 'retention-purge', everyMs: PURGE_EVERY_MS, run: () => purgeAll(deps) },
      { name: 'seal-plaintext', everyMs: 60_000, run: sealPlaintext },
      ...scheduledJobs(deps),
    ],
    failed,
  );
  // Outbox: messages queued in a transaction are sent (and retried) from here; leases make restarts safe.
  const outbox = createOutboxWorker(deps, { channels: channelsOf(deps), handlers: outboxHandlers(deps) });
  outbox.start(2_000, (err) => failed('outbox', err));
  const stop = async () => {
    stopJobs();
    await checkpointer.stop();
    await outbox.stop();
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
