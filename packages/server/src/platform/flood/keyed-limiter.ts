import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

/** A per-source limit: at most `max` hits per `windowMs`. */
export interface KeyedLimiterOptions {
  max: number;
  windowMs: number;
  /** Most sources remembered at once; the oldest are forgotten first (bounded memory under attack). */
  maxKeys?: number;
}

/**
 * Rate limit keyed by a keyed hash of the source (a phone number, an address), the same
 * approach as createSourceKeyer in platform/http/security.ts: the salt lives in memory
 * only and changes every day, so the value is never stored and days cannot be linked.
 */
export function createKeyedLimiter(clock: Clock, options: KeyedLimiterOptions) {
  const maxKeys = options.maxKeys ?? 50_000;
  let day = '';
  let salt = randomBytes(32);
  const windows = new Map<string, { start: number; count: number }>();

  const keyOf = (value: string) => {
    const today = clock.now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      salt = randomBytes(32);
      windows.clear();
    }
    return createHmac('sha256', salt).update(value).digest('base64url').slice(0, 22);
  };

  return {
    /** Count one hit for a source; false when it is over its limit. */
    hit(value: string): boolean {
      const key = keyOf(value);
      const now = clock.now().getTime();
      const w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= options.max;
    },
  };
}

/** A limiter as created above. */
export type KeyedLimiter = ReturnType<typeof createKeyedLimiter>;
