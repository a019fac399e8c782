import { useEffect, useRef, useState } from 'react';

export type StreamState = 'connecting' | 'live' | 'lost';

/**
 * Listen to a same-origin Server-Sent Events stream (the session cookie goes
 * with it). EventSource retries by itself after a drop; the state says whether
 * the connection is up so the screen can show it — never silent.
 */
export function useEventStream(url: string | null, handlers: Record<string, (data: unknown) => void>): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const ref = useRef(handlers);
  ref.current = handlers;
  const names = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    setState('connecting');
    const es = new EventSource(url, { withCredentials: true });
    es.addEventListener('ready', () => setState('live'));
    es.onopen = () => setState('live');
    es.onerror = () => setState('lost');
    for (const name of names.split(',').filter(Boolean)) {
      es.addEventListener(name, (e) => {
        setState('live');
        let data: unknown;
        try {
          data = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        ref.current[name]?.(data);
      });
    }
    return () => es.close();
  }, [url, names]);
  return state;
}
