import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const source = readFileSync(fileURLToPath(new URL('../public/sw.js', import.meta.url)), 'utf8');
const ORIGIN = 'https://switchboard.example';

/** Load the service worker in a bare context and return its fetch listener. */
function loadWorker() {
  const listeners = new Map<string, (event: unknown) => void>();
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    registration: {},
    clients: {},
    skipWaiting: () => undefined,
  };
  const caches = { open: async () => ({ put: async () => undefined }), match: async () => undefined, keys: async () => [] };
  runInNewContext(source, { self, caches, fetch: async () => new Response('x'), URL, Response, Promise });
  const onFetch = listeners.get('fetch');
  if (!onFetch) throw new Error('the service worker has no fetch listener');
  /** Whether the worker takes over (and so may cache) a GET of this path. */
  return (path: string, mode = 'cors') => {
    let responded = false;
    onFetch({ request: { method: 'GET', url: `${ORIGIN}${path}`, mode }, respondWith: () => (responded = true) });
    return responded;
  };
}

describe('service worker caching (nothing a member reads is kept in browser storage)', () => {
  const handles = loadWorker();

  it('leaves every API GET to the network, a delivery address above all', () => {
    expect(handles('/api/v1/networks/twin-cities/care/tasks/0193a7c2-0000-7000-8000-000000000001/address')).toBe(false);
    expect(handles('/api/v1/networks/twin-cities/care/tasks')).toBe(false);
    expect(handles('/api/v1/me')).toBe(false);
  });

  it('does cache the app shell and hashed assets (so the check above can fail)', () => {
    expect(handles('/assets/index-abc123.js')).toBe(true);
    expect(handles('/n/twin-cities/care/mine', 'navigate')).toBe(true);
  });
});
