import type { StreamEvent } from '@switchboard/shared';
import type { z } from 'zod';

/** One event of a live stream, as the shared schema describes it. */
export type StreamEventT = z.infer<typeof StreamEvent>;
/** The SSE event names a stream may carry. */
export type StreamEventType = StreamEventT['type'];
/** The body of one kind of event. */
export type StreamData<K extends StreamEventType> = Extract<StreamEventT, { type: K }>['data'];

/** Checks one SSE message (its event name and JSON text): the event, or null when it does not pass. */
export type Validate = (type: string, raw: string) => StreamEventT | null;

// The schema (zod and the rapid-response DTOs) loads on its own, when a page first opens
// a stream, so it stays out of the first download and of the pages that never stream.
let loading: Promise<Validate> | null = null;

/** The stream validator, loaded once; a failed load is tried again on the next call. */
export function loadStreamValidator(): Promise<Validate> {
  loading ??= import('@switchboard/shared/stream-events').then(
    ({ StreamEvent: schema }): Validate =>
      (type, raw) => {
        let data: unknown;
        try {
          data = JSON.parse(raw);
        } catch {
          noteInvalid(type, 'not JSON');
          return null;
        }
        const parsed = schema.safeParse({ type, data });
        if (parsed.success) return parsed.data;
        noteInvalid(type, parsed.error.issues);
        return null;
      },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

let invalid = 0;

/** How many events this page dropped as invalid (counted in development builds only). */
export function invalidStreamEvents(): number {
  return invalid;
}

/** A dropped event is a server/web contract drift: say so while developing, stay quiet for people. */
function noteInvalid(type: string, issues: unknown): void {
  if (!import.meta.env.DEV) return;
  invalid += 1;
  console.warn(`[stream] dropped an invalid '${type}' event (${invalid} so far)`, issues);
}
