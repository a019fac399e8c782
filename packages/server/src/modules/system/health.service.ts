import { databaseAnswers } from '../../db/probe.ts';
import type { Deps } from '../../platform/context.ts';

/** How long /healthz waits for the database before it counts it as down. */
export const HEALTH_PROBE_TIMEOUT_MS = 2_000;

/** What /healthz says: the database first (nothing works without it), then the seal. */
export type Health = 'ok' | 'sealed' | 'database_unavailable';

/** The server's health, for /healthz (anyone may ask: it reveals nothing else). */
export async function health(deps: Deps): Promise<Health> {
  if (!(await databaseAnswers(deps.database.db, HEALTH_PROBE_TIMEOUT_MS))) return 'database_unavailable';
  return deps.keyring.sealed ? 'sealed' : 'ok';
}
