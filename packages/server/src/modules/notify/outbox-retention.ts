import type { Deps } from '../../platform/context.ts';
import { deleteSettledBefore } from './outbox.repository.ts';

// Sent notifications hold a recipient; a day is enough to investigate a delivery problem.
const OUTBOX_KEEP_MS = 24 * 3600 * 1000;

/** Drop delivered and dead notifications older than a day. */
export async function purgeOutbox(deps: Deps): Promise<{ outboxDeleted: number }> {
  const before = new Date(deps.clock.now().getTime() - OUTBOX_KEEP_MS).toISOString();
  return { outboxDeleted: await deleteSettledBefore(deps.database.db, before) };
}
