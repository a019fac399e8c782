/**
 * Actions taken while the server could not be reached, kept in memory (never in the
 * browser's storage: a shared or seized phone must not carry them) and sent again in the
 * order they were taken. Each keeps the idempotency key it got when it was taken, so a
 * first attempt that did reach the server is answered, not applied, the second time.
 * Pure logic; kit/pending-actions.ts wires it to the browser.
 */

export type PendingState = 'pending' | 'sending' | 'confirmed' | 'refused';

export interface PendingAction {
  id: number;
  /** Sent as Idempotency-Key on every attempt. */
  key: string;
  /** What the person did, in their language, read when shown. */
  describe: () => string;
  /** What it is about (an incident id), so that item can show it waits. */
  subject?: string;
  state: PendingState;
  /** Why the server refused it, in the person's language. */
  reason?: string;
}

export interface ActionSpec<T> {
  describe: () => string;
  subject?: string;
  /** Send the action with this idempotency key. */
  run: (key: string) => Promise<T>;
  /** Called once the server has applied it, now or on a later replay. */
  onConfirmed?: (result: T) => void;
  /** Called when a replay is refused (the screen should reload what it shows). */
  onRefused?: (error: unknown) => void;
}

/** What `perform` gives back when the action was queued instead of answered. */
export const QUEUED = Symbol('queued');

export interface QueueOptions {
  /** Whether the browser believes it is online; when not, actions queue without trying. */
  isOnline: () => boolean;
  /** Whether an error means the server was never reached (so the action waits), rather than refused. */
  isNetworkError: (error: unknown) => boolean;
  /** The refusal's message for the person. */
  reasonOf: (error: unknown) => string;
  newKey: () => string;
}

type Entry = PendingAction & { spec: ActionSpec<unknown> };

export class PendingQueue {
  private entries: Entry[] = [];
  private nextId = 1;
  private flushing: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  private snapshot: readonly PendingAction[] = [];

  constructor(private readonly options: QueueOptions) {}

  /**
   * Take an action: send it now, or keep it when offline or when the network fails.
   * Resolves with the server's answer or QUEUED; an HTTP refusal rejects as usual.
   * While older actions wait, a new one waits behind them so order is kept.
   */
  async perform<T>(spec: ActionSpec<T>): Promise<T | typeof QUEUED> {
    const key = this.options.newKey();
    const waiting = this.entries.some((e) => e.state === 'pending' || e.state === 'sending');
    if (!waiting && this.options.isOnline()) {
      try {
        const result = await spec.run(key);
        spec.onConfirmed?.(result);
        return result;
      } catch (error) {
        if (!this.options.isNetworkError(error)) throw error;
      }
    }
    const { describe, subject } = spec;
    this.entries.push({ id: this.nextId++, key, describe, subject, state: 'pending', spec: spec as ActionSpec<unknown> });
    this.changed();
    // Queued only to keep its place behind older ones: send them all now.
    if (waiting && this.options.isOnline()) void this.flush();
    return QUEUED;
  }

  /** Send the waiting actions in order; stops at the first that still cannot reach the server. */
  flush(): Promise<void> {
    this.flushing ??= this.sendInOrder().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Forget a confirmed or refused action once the person has seen it. */
  dismiss(id: number): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.id !== id || e.state === 'pending' || e.state === 'sending');
    if (this.entries.length !== before) this.changed();
  }

  /** How many actions are still waiting to reach the server. */
  waitingCount(): number {
    return this.entries.filter((e) => e.state === 'pending' || e.state === 'sending').length;
  }

  list(): readonly PendingAction[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async sendInOrder(): Promise<void> {
    for (const entry of this.entries) {
      if (entry.state !== 'pending') continue;
      if (!this.options.isOnline()) return;
      this.set(entry, { state: 'sending' });
      try {
        const result = await entry.spec.run(entry.key);
        this.set(entry, { state: 'confirmed' });
        entry.spec.onConfirmed?.(result);
      } catch (error) {
        if (this.options.isNetworkError(error)) {
          this.set(entry, { state: 'pending' });
          return;
        }
        this.set(entry, { state: 'refused', reason: this.options.reasonOf(error) });
        entry.spec.onRefused?.(error);
      }
    }
  }

  private set(entry: Entry, change: Partial<PendingAction>): void {
    Object.assign(entry, change);
    this.changed();
  }

  private changed(): void {
    // A new array each change: React's useSyncExternalStore compares by identity.
    this.snapshot = this.entries.map(({ spec: _spec, ...shown }) => ({ ...shown }));
    for (const listener of this.listeners) listener();
  }
}
