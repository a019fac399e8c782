import { EventEmitter } from 'node:events';

/** A domain event, small enough for PostgreSQL NOTIFY (< 8 KB): ids and summaries, never contact details. */
export interface DomainEvent {
  type: 'report.created' | 'incident.updated' | 'dispatch.updated' | 'alert.published' | 'responder.updated' | 'cache.invalidate';
  networkId: string;
  /** Event body as clients receive it. */
  data: Record<string, unknown>;
}

/** Fans domain events out to listeners in this process and, on PostgreSQL, in every app process. */
export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  /** Publish several events in order, at the cost of one (intake publishes a whole group commit at once). */
  publishAll(events: DomainEvent[]): Promise<void>;
  /** Listen to one network's events; returns a function that stops listening. */
  subscribe(networkId: string, listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}

/** Delivery inside one process (SQLite deployments run one process). */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // One listener per connected dispatcher or alert page: thousands are expected.
    this.emitter.setMaxListeners(0);
  }

  async publish(event: DomainEvent): Promise<void> {
    this.deliver(event);
  }

  async publishAll(events: DomainEvent[]): Promise<void> {
    for (const event of events) this.deliver(event);
  }

  /** Hand an event to this process's listeners. */
  deliver(event: DomainEvent): void {
    this.emitter.emit(event.networkId, event);
  }

  subscribe(networkId: string, listener: (event: DomainEvent) => void): () => void {
    this.emitter.on(networkId, listener);
    return () => this.emitter.off(networkId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** The right bus for a database: NOTIFY-backed on PostgreSQL, in-process on SQLite. */
export async function createEventBus(database: { dialect: string; url: string; pgPool?: import('pg').Pool }): Promise<EventBus> {
  if (database.dialect !== 'postgres' || !database.pgPool) return new LocalEventBus();
  const { PgEventBus } = await import('./pg-event-bus.ts');
  const bus = new PgEventBus(database.url, database.pgPool);
  await bus.start();
  return bus;
}
