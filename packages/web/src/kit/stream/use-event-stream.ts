import { useEffect, useRef, useState } from 'react';
import { loadStreamValidator, type StreamData, type StreamEventType } from './stream-validator.ts';

export type StreamState = 'connecting' | 'live' | 'lost';

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
    const es = new EventSource(url, { withCredentials: true });
    // One chain per connection keeps events in order while the validator loads.
    let chain: Promise<unknown> = loadStreamValidator().catch(() => undefined);
    let open = true;
    let connections = 0;
    es.addEventListener('ready', () => {
      setState('live');
      // The server subscribes before it sends "ready": a read started now misses nothing.
      ref.current.onConnect?.(++connections === 1);
    });
    es.onopen = () => setState('live');
    es.onerror = () => setState('lost');
    for (const name of names.split(',').filter(Boolean) as StreamEventType[]) {
      es.addEventListener(name, (e) => {
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
    return () => {
      open = false;
      es.close();
    };
  }, [url, names]);
  return state;
}
