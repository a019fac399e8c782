import { useSyncExternalStore } from 'react';
import { ApiError, errorMessage } from './api.ts';
import { PendingQueue, QUEUED, type ActionSpec, type PendingAction } from './pending-queue.ts';

export { QUEUED };
export type { PendingAction } from './pending-queue.ts';

/** How often to try again while actions wait and the browser believes it is online (a dead Wi-Fi says nothing). */
const RETRY_MS = 5_000;

/** The one queue of the page: every feature's changes wait in one line, in the order taken. */
export const pendingActions = new PendingQueue({
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
  isNetworkError: (e) => e instanceof ApiError && e.code === 'network',
  reasonOf: (e) => (e instanceof ApiError && e.code !== 'network' && e.message !== e.code ? e.message : errorMessage(e)),
  newKey: () => crypto.randomUUID(),
});

/**
 * Take a change through the queue: sent now when possible, otherwise kept and sent when the
 * connection returns. Resolves with the server's answer, or QUEUED.
 */
export function perform<T>(spec: ActionSpec<T>): Promise<T | typeof QUEUED> {
  return pendingActions.perform(spec);
}

/** Send what waits now: the browser is back online, or a live stream reconnected. */
export function sendPendingActions(): void {
  void pendingActions.flush();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', sendPendingActions);
  setInterval(() => {
    if (pendingActions.waitingCount() > 0) sendPendingActions();
  }, RETRY_MS);
}

const subscribe = (cb: () => void) => pendingActions.subscribe(cb);

/** The subjects (incident ids) that have an action still waiting to reach the server. */
export function waitingSubjects(actions: readonly PendingAction[]): ReadonlySet<string> {
  return new Set(
    actions.filter((a) => a.subject && (a.state === 'pending' || a.state === 'sending')).map((a) => a.subject as string),
  );
}

/** The actions taken offline and what became of them, for the screen. */
export function usePendingActions() {
  return useSyncExternalStore(subscribe, () => pendingActions.list());
}
