import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BusEvent } from './event-bus.ts';
import { LocalEventBus } from './local-event-bus.ts';

const CHANNEL = 'switchboard_events';

/**
 * Events across app processes sharing one PostgreSQL: each publish is delivered
 * locally at once and sent with NOTIFY; other processes LISTEN and deliver it to
 * their own listeners. A dedicated connection listens; it reconnects if dropped.
 */
export class PgEventBus extends LocalEventBus {
  private readonly nodeId = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {
    super();
  }

  /** Open the LISTEN connection. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      const { origin, event } = JSON.parse(msg.payload) as { origin: string; event: BusEvent };
      if (origin !== this.nodeId) this.deliver(event);
    });
    client.on('error', () => {
      if (!this.closed) setTimeout(() => void this.start().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  override async publish(event: BusEvent): Promise<void> {
    this.deliver(event);
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ origin: this.nodeId, event })]);
  }

  override async publishAll(events: BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) this.deliver(event);
    // One statement, one notification per event: order is kept and each stays under NOTIFY's 8 KB.
    const payloads = events.map((event) => JSON.stringify({ origin: this.nodeId, event }));
    await this.pool.query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as t(payload, n) order by n', [
      CHANNEL,
      payloads,
    ]);
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
    await this.listener?.end().catch(() => undefined);
  }
}
