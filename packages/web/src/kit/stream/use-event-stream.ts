import { useEffect, useRef, useState } from 'react';
import { sendPendingActions } from '../pending-actions.ts';
import { loadStreamValidator, type StreamData, type StreamEventType } from './stream-validator.ts';

export type StreamState = 'connecting' | 'live' | 'lost';

/** The server's heartbeat comes every 10 s (platform/http/sse.ts); this much silence means the stream is gone. */
const SILENCE_MS = 15_000;
const WATCHDOG_MS = 1_000;
/** How soon to connect again after the browser gave up on a connection. */
const RETRY_MS = 3_000;

/** What to do with each kind of event; each handler gets a body that passed the shared schema. */
export type StreamHandlers = { [K in StreamEventType]?: (data: StreamData<K>) => void };

/** Called each time the stream is connected and subscribed (`first` on its first connection): catch up on what was missed. */
export type OnConnect = (first: boolean) => void;

/**
 * Listen to a same-origin Server-Sent Events stream (the session cookie goes
 * with it). EventSource retries by itself after a drop; the state says whether
 * the connection is up so the screen can show it — never silent. Every event is
 * checked against the shared StreamEvent schema, in the order it came; one that
 * fails is dropped.
 */
export function useEventStream(url: string | null, handlers: StreamHandlers, onConnect?: OnConnect): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const ref = useRef({ handlers, onConnect });
  ref.current = { handlers, onConnect };
  const names = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    setState('connecting');
    let es: EventSource;
    // One chain per connection keeps events in order while the validator loads.
    let chain: Promise<unknown> = loadStreamValidator().catch(() => undefined);
    let open = true;
    let connections = 0;
    let lastHeard = Date.now();
    const heard = () => {
      lastHeard = Date.now();
    };
    const connect = () => {
      es = new EventSource(url, { withCredentials: true });
      es.addEventListener('ready', () => {
        heard();
        setState('live');
        // The server subscribes before it sends "ready": a read started now misses nothing.
        const first = ++connections === 1;
        ref.current.onConnect?.(first);
        // Back after a drop: what was done meanwhile goes out now.
        if (!first) sendPendingActions();
      });
      es.addEventListener('heartbeat', heard);
      es.onopen = () => {
        heard();
        setState('live');
      };
      es.onerror = () => {
        setState('lost');
        // Closed for good (Chromium gives up on a network error while offline): try again soon.
        if (es.readyState === EventSource.CLOSED) retryTimer = setTimeout(reconnect, RETRY_MS);
      };
      for (const name of names.split(',').filter(Boolean) as StreamEventType[]) {
        es.addEventListener(name, (e) => {
          heard();
          setState('live');
          const raw = (e as MessageEvent<string>).data;
          chain = chain
            .then(async () => {
              // Undefined while the validator cannot load (offline): the event is dropped, as invalid ones are.
              const event = (await loadStreamValidator().catch(() => undefined))?.(name, raw);
              if (open && event) (ref.current.handlers[name] as ((data: unknown) => void) | undefined)?.(event.data);
            })
            // A handler's bug is reported like any uncaught error, and the next events still arrive.
            .catch((err: unknown) => reportError(err));
        });
      }
    };
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const reconnect = () => {
      clearTimeout(retryTimer);
      if (!open) return;
      es.close();
      heard();
      connect();
    };
    connect();
    // A dead Wi-Fi or a sleeping laptop drops no connection the browser can see: the server
    // sends a heartbeat every 10 s, so silence for longer means the stream is gone. Say so at
    // once and connect again (a new connection catches up through onConnect).
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard < SILENCE_MS) return;
      setState('lost');
      reconnect();
    }, WATCHDOG_MS);
    const offline = () => setState('lost');
    // Back online: connect now rather than wait for the next retry.
    const online = () => reconnect();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      open = false;
      clearInterval(watchdog);
      clearTimeout(retryTimer);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      es.close();
    };
  }, [url, names]);
  return state;
}
