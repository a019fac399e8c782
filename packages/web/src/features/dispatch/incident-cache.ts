import type { QueryClient } from '@tanstack/react-query';
import type { IncidentT } from './api.ts';

// The dispatcher queue takes each incident's new state from the stream and puts it in
// the cached list itself, as the server would list it, instead of reading the whole
// list again on every event (fifty reports in a surge were fifty list reads per console).

/** Which incidents a list holds: open ones (the queue) or all. */
export type Scope = 'open' | 'all';

/** The query key of a network's incident lists (both scopes), or of one scope's. */
export const incidentsKey = (slug: string, scope?: Scope) => (scope ? ['incidents', slug, scope] : ['incidents', slug]);

// As the server's queue (reports.repository listIncidents): open statuses, needs a person
// first, then newest activity first, at most 200 by newest activity.
const OPEN = new Set<string>(['new', 'verifying', 'verified', 'unconfirmed']);
const URGENCY: Record<string, number> = { new: 0, verifying: 1, verified: 2, unconfirmed: 3, false_alarm: 4, resolved: 5 };
const LIMIT = 200;

/** The server's order: urgency, then the latest report first. */
function queueOrder(a: IncidentT, b: IncidentT): number {
  return (
    URGENCY[a.status] - URGENCY[b.status] ||
    (a.lastReportedAt < b.lastReportedAt ? 1 : a.lastReportedAt > b.lastReportedAt ? -1 : 0)
  );
}

/**
 * Some publishers (dispatch, intake) send the lock without its holder's name (''): keep
 * the name the list already has for the same holder.
 */
function withLockName(incident: IncidentT, current: IncidentT | undefined): IncidentT {
  const lock = incident.lock;
  if (!lock || lock.displayName || current?.lock?.accountId !== lock.accountId) return incident;
  return { ...incident, lock: { ...lock, displayName: current.lock.displayName } };
}

/**
 * A list with one incident's new state in its place: added, replaced, or left out when
 * it no longer belongs to the scope. A snapshot older than the one listed changes nothing
 * (the same list comes back).
 */
export function withIncident(list: IncidentT[], snapshot: IncidentT, scope: Scope): IncidentT[] {
  const current = list.find((i) => i.id === snapshot.id);
  if (current && current.version > snapshot.version) return list;
  const others = list.filter((i) => i.id !== snapshot.id);
  if (scope === 'open' && !OPEN.has(snapshot.status)) return others.length === list.length ? list : others;
  const next = [...others, withLockName(snapshot, current)];
  if (next.length > LIMIT) {
    // The server keeps the 200 with the newest activity.
    const oldest = next.reduce((a, b) => (b.lastReportedAt < a.lastReportedAt ? b : a));
    next.splice(next.indexOf(oldest), 1);
  }
  return next.sort(queueOrder);
}

/**
 * Put an incident's new state into every cached list of its network. False when the
 * lists cannot show it fully (a lock whose holder's name is unknown): read them again then.
 */
export function applyIncidentSnapshot(qc: QueryClient, slug: string, snapshot: IncidentT): boolean {
  let complete = true;
  for (const scope of ['open', 'all'] as const) {
    qc.setQueryData<{ incidents: IncidentT[] }>(incidentsKey(slug, scope), (old) => {
      if (!old) return old;
      const incidents = withIncident(old.incidents, snapshot, scope);
      if (incidents.find((i) => i.id === snapshot.id)?.lock?.displayName === '') complete = false;
      return incidents === old.incidents ? old : { incidents };
    });
  }
  return complete;
}
