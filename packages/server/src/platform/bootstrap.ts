import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrator.ts';
import { bindKey } from '../modules/system/key-state.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Deps } from './context.ts';
import { Keyring, readKeyFile } from './crypto/keyring.ts';
import { createEventBus } from './events/event-bus.ts';

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
  return { config, database, keyring, clock, events: await createEventBus(database) };
}

/** Release what createDeps opened: the event listener, the database, the key in memory. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.events.close();
  await deps.database.close();
  deps.keyring.seal();
}
