import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDeps } from './platform/bootstrap.ts';
import type { Deps } from './platform/context.ts';

/** Start serving: migrate, load the key (or stay sealed), listen, and stop cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config, prepared?: Deps): Promise<void> {
  const deps = prepared ?? (await createDeps(config));
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  if (deps.keyring.sealed) app.log.warn('Started SEALED: no key loaded. Sensitive data cannot be read until a deployment admin unseals.');
  const stop = async () => {
    await app.close();
    await deps.database.close();
    deps.keyring.seal();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
