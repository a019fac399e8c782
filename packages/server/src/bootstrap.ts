import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrator.ts';
import { checkpointAudit } from './platform/audit/audit-checkpointer.ts';
import { bindKey } from './platform/crypto/key-binding.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Deps } from './platform/context.ts';
import { Keyring, readKeyFile } from './platform/crypto/keyring.ts';
import { createEventBus } from './platform/events/event-bus.ts';
import { wireModules } from './modules.ts';

/**
 * Open the database, run migrations and load the master key when a key file is
 * configured. Without one the keyring stays sealed until an admin unseals it.
 */
export async function createDeps(config: Config, clock: Clock = systemClock): Promise<Deps> {
  const database = openDatabase(config.databaseUrl, { backgroundCheckpoints: true });
  await migrate(database.db, database.dialect);
  const keyring = new Keyring();
  if (config.keyFile) {
    keyring.load(readKeyFile(config.keyFile));
    if (config.previousKeyFile) keyring.addPrevious(readKeyFile(config.previousKeyFile));
    if ((await bindKey(database.db, keyring)) === 'mismatch') {
      await database.close();
      throw new Error(`The key in ${config.keyFile} is not the key this database was created with.`);
    }
  }
  return { config, database, keyring, clock, events: await createEventBus(database, keyring), wiring: wireModules() };
}

/** Release what createDeps opened: the event listener, the database, the key in memory. */
export async function closeDeps(deps: Deps): Promise<void> {
  // Sign the audit head one last time while the key is still here (after `keys rotate`, under the new key).
  await checkpointAudit(deps.database.db, deps.keyring, deps.clock.now(), deps.config.auditExportFile).catch(() => undefined);
  await deps.events.close();
  await deps.database.close();
  deps.keyring.seal();
}
