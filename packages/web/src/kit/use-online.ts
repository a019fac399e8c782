import { useSyncExternalStore } from 'react';

// navigator.onLine alone is not enough: Chromium reports true again after an offline
// reload of the cached app shell (crbug.com/678075), and a dead Wi-Fi or captive portal
// reads as online too. So the API client also says whether its last call reached the
// server at all, and the app counts as offline when either says so.
let reachable = true;
const listeners = new Set<() => void>();

/** Tell the offline banner whether the last API call got any answer from the server (kit/api.ts calls this). */
export function reportReachable(answered: boolean): void {
  if (answered === reachable) return;
  reachable = answered;
  for (const listener of listeners) listener();
}

function subscribe(cb: () => void) {
  const onOnline = () => {
    // The browser says the network is back: give the API the benefit of the doubt again.
    reportReachable(true);
    cb();
  };
  listeners.add(cb);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', cb);
  };
}

/** Whether the app is online: the browser believes so and the last API call reached the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine && reachable,
    () => true,
  );
}
