import type { StreamEvent } from '@switchboard/shared';
import type { z } from 'zod';
import type { Keyring } from '../crypto/keyring.ts';
import type { CacheInvalidation } from './cache-invalidation.ts';
import { LocalEventBus } from './local-event-bus.ts';

export { LocalEventBus };

/**
 * What travels on the bus: the live-stream events clients receive (the shared StreamEvent
 * union, which the web app parses and test/contracts checks), and cache invalidations
 * between app processes. Small enough for PostgreSQL NOTIFY (< 8 KB): ids and summaries,
 * never contact details.
 */
export type BusEvent = (z.infer<typeof StreamEvent> | { type: 'cache.invalidate'; data: CacheInvalidation }) & {
  /** The network whose listeners receive it. */
  networkId: string;
};

/** Fans bus events out to listeners in this process and, on PostgreSQL, in every app process. */
export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  /** Publish several events in order, at the cost of one (intake publishes a whole group commit at once). */
  publishAll(events: BusEvent[]): Promise<void>;
  /** Listen to one network's events; returns a function that stops listening. */
  subscribe(networkId: string, listener: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * The right bus for a database: NOTIFY-backed on PostgreSQL, in-process on SQLite. The
 * keyring seals what crosses between processes (see pg-event-bus.ts).
 */
export async function createEventBus(
  database: { dialect: string; url: string; pgPool?: import('pg').Pool },
  keyring: Keyring,
): Promise<EventBus> {
  if (database.dialect !== 'postgres' || !database.pgPool) return new LocalEventBus();
  const { PgEventBus } = await import('./pg-event-bus.ts');
  const bus = new PgEventBus(database.url, database.pgPool, keyring);
  await bus.start();
  return bus;
}
