import { EventEmitter } from 'node:events';
import type { BusEvent, EventBus } from './event-bus.ts';

/** Delivery inside one process (SQLite deployments run one process). */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // One listener per connected dispatcher or alert page: thousands are expected.
    this.emitter.setMaxListeners(0);
  }

  async publish(event: BusEvent): Promise<void> {
    this.deliver(event);
  }

  async publishAll(events: BusEvent[]): Promise<void> {
    for (const event of events) this.deliver(event);
  }

  /** Hand an event to this process's listeners. */
  deliver(event: BusEvent): void {
    this.emitter.emit(event.networkId, event);
  }

  subscribe(networkId: string, listener: (event: BusEvent) => void): () => void {
    this.emitter.on(networkId, listener);
    return () => this.emitter.off(networkId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
