import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/event-bus.ts';

/** When a network counts as flooded. */
export interface FloodOptions {
  /** Reports in one window above which the network is flooded. */
  threshold: number;
  /** Length of the counting window (ms). */
  windowMs: number;
  /** How long the challenge stays on after the last over-threshold window (ms). */
  holdMs: number;
}

/** Defaults: a neighbourhood network rarely sees more than a report a second for real. */
export const DEFAULT_FLOOD_OPTIONS: FloodOptions = { threshold: 60, windowMs: 60_000, holdMs: 10 * 60_000 };

/**
 * Per-network flood detection, in memory only: timestamps of the last reports (at most
 * threshold + 1 per network) and the time the challenge may switch off again. Nothing
 * about who sent a report is kept, only when.
 */
export class FloodGuard {
  // Per network: report times in arrival order, and the index of the first still inside the window.
  private readonly recent = new Map<string, { times: number[]; head: number }>();
  private readonly floodedUntil = new Map<string, number>();
  private readonly watching = new Map<string, () => void>();
  private options: FloodOptions;

  constructor(
    private readonly clock: Clock,
    options: Partial<FloodOptions> = {},
  ) {
    this.options = { ...DEFAULT_FLOOD_OPTIONS, ...options };
  }

  /** Change the thresholds (deployments and tests). */
  configure(options: Partial<FloodOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Count one report for a network. */
  record(networkId: string): void {
    const now = this.clock.now().getTime();
    const since = now - this.options.windowMs;
    let w = this.recent.get(networkId);
    if (!w) {
      w = { times: [], head: 0 };
      this.recent.set(networkId, w);
    }
    // Amortised O(1) per report: expired times are skipped from the front, not copied away
    // (a filter per report costs O(reports in the window), which a high threshold makes large).
    while (w.head < w.times.length && w.times[w.head] <= since) w.head++;
    w.times.push(now);
    if (w.times.length - w.head > this.options.threshold) {
      this.floodedUntil.set(networkId, now + this.options.holdMs);
      // Only "more than the threshold" matters: keep no more than that many.
      w.head = w.times.length - this.options.threshold;
    }
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
  }

  /** Whether the public form must ask for a challenge now. */
  isFlooded(networkId: string): boolean {
    const until = this.floodedUntil.get(networkId);
    if (until === undefined) return false;
    if (this.clock.now().getTime() < until) return true;
    this.floodedUntil.delete(networkId);
    return false;
  }

  /**
   * Count every report a network receives, by any door (web, API, SMS, phone) and, on
   * PostgreSQL, in any app process: listen to its `report.created` events. Idempotent.
   */
  watch(bus: EventBus, networkId: string): void {
    if (this.watching.has(networkId)) return;
    this.watching.set(
      networkId,
      bus.subscribe(networkId, (event) => {
        if (event.type === 'report.created') this.record(networkId);
      }),
    );
  }

  /** Stop listening (app shutdown). */
  close(): void {
    for (const stop of this.watching.values()) stop();
    this.watching.clear();
  }
}
