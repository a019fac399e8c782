import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Keyring } from '../crypto/keyring.ts';
import { everythingInvalidation } from './cache-invalidation.ts';
import type { BusEvent } from './event-bus.ts';
import { LocalEventBus } from './local-event-bus.ts';

const CHANNEL = 'switchboard_events';

// After a lost LISTEN connection: the first retry, and the longest wait between retries.
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

/** What one NOTIFY carries: a cache invalidation as it is (ids only), anything else sealed. */
type Wire = { origin: string; event: BusEvent } | { origin: string; sealed: string };

/**
 * Events across app processes sharing one PostgreSQL: each publish is delivered
 * locally at once and sent with NOTIFY; other processes LISTEN and deliver it to
 * their own listeners.
 *
 * A live event can name a place (a report's typed address), and PostgreSQL keeps pending
 * notifications in its `pg_notify` queue, which spills to files in the data directory:
 * so every event but a cache invalidation crosses sealed with the keyring ('event-bus'
 * purpose), which every process of a deployment loads from the same key file. A sealed
 * process (no key) sends only invalidations to the others; the rest stays local. A dedicated connection listens; when it drops (the database
 * restarts, crashes or fails over) it is opened again, retrying with backoff for as
 * long as the database stays away, and LISTEN is issued anew.
 */
export class PgEventBus extends LocalEventBus {
  private readonly nodeId = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;
  private retrying = false;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly keyring: Keyring,
  ) {
    super();
  }

  /** Open the LISTEN connection (at start the database must be there: the server just migrated it). */
  async start(): Promise<void> {
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    let listening = false;
    const lost = () => {
      // Only a connection that was listening is lost; a failed connect is the caller's to retry.
      if (!listening) return;
      listening = false;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      this.retrySoon(RETRY_FIRST_MS);
    };
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      const event = this.open(JSON.parse(msg.payload) as Wire);
      if (event) this.deliver(event);
    });
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    listening = true;
    this.listener = client;
  }

  /** Listen again after `delay`, doubling it up to RETRY_MAX_MS while the database stays away. */
  private retrySoon(delay: number): void {
    if (this.closed || this.retrying) return;
    this.retrying = true;
    const timer = setTimeout(() => {
      this.retrying = false;
      if (this.closed) return;
      this.listen().then(
        // Other processes' invalidations sent while nobody listened are lost: forget everything cached.
        () => this.deliver(everythingInvalidation()),
        () => this.retrySoon(Math.min(delay * 2, RETRY_MAX_MS)),
      );
    }, delay);
    // A retry must never be why the process stays up.
    timer.unref();
  }

  /** An event as it goes on the wire, or undefined when it may not leave this process. */
  private wire(event: BusEvent): string | undefined {
    if (event.type === 'cache.invalidate') return JSON.stringify({ origin: this.nodeId, event } satisfies Wire);
    if (this.keyring.sealed) return undefined;
    return JSON.stringify({
      origin: this.nodeId,
      sealed: this.keyring.encrypt('event-bus', JSON.stringify(event)),
    } satisfies Wire);
  }

  /** Another process's event, opened; undefined for our own, or one this process cannot open. */
  private open(wire: Wire): BusEvent | undefined {
    if (wire.origin === this.nodeId) return undefined;
    if ('event' in wire) return wire.event;
    if (this.keyring.sealed) return undefined;
    try {
      return JSON.parse(this.keyring.decrypt('event-bus', wire.sealed)) as BusEvent;
    } catch {
      // Sealed under a key this process does not hold: not ours to read.
      return undefined;
    }
  }

  override async publish(event: BusEvent): Promise<void> {
    this.deliver(event);
    const payload = this.wire(event);
    if (payload) await this.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]);
  }

  override async publishAll(events: BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) this.deliver(event);
    // One statement, one notification per event: order is kept and each stays under NOTIFY's 8 KB.
    const payloads = events.map((event) => this.wire(event)).filter((p): p is string => p !== undefined);
    if (payloads.length === 0) return;
    await this.pool.query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as t(payload, n) order by n', [
      CHANNEL,
      payloads,
    ]);
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}
