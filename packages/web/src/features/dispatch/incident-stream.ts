import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useEventStream, type StreamHandlers, type StreamState } from '../../kit/stream/use-event-stream.ts';
import type { IncidentT } from './api.ts';
import { applyIncidentSnapshot, incidentsKey } from './incident-cache.ts';

/**
 * What the console does with its stream, over a query client: each incident snapshot
 * goes into the cached lists as it comes; the incident's detail (reports, timeline,
 * dispatches) and the response times are read again when something of theirs changed.
 * The lists themselves are read again only on (re)connect, to catch up on what happened
 * while the stream was down.
 */
export function incidentStreamHandlers(qc: QueryClient, slug: string) {
  // Snapshots that arrive while a catch-up read is on its way: put back on top of its answer.
  let arrivedDuringCatchUp: IncidentT[] | null = null;

  const changed = (incidentId: string) => {
    void qc.invalidateQueries({ queryKey: ['incident', slug, incidentId] });
    void qc.invalidateQueries({ queryKey: ['response-times', slug] });
  };
  const apply = (incident: IncidentT) => {
    arrivedDuringCatchUp?.push(incident);
    if (!applyIncidentSnapshot(qc, slug, incident)) void qc.invalidateQueries({ queryKey: incidentsKey(slug) });
  };

  const handlers: StreamHandlers = {
    // A report's incident follows as incident.updated (one per incident per intake batch).
    'incident.updated': ({ incident }) => {
      apply(incident);
      changed(incident.id);
    },
    'dispatch.updated': ({ dispatch }) => changed(dispatch.incidentId),
  };

  const onConnect = async () => {
    const arrived: IncidentT[] = [];
    arrivedDuringCatchUp = arrived;
    try {
      // Everything, not just the lists: any of it may have changed while the stream was down.
      await Promise.all([
        qc.invalidateQueries({ queryKey: incidentsKey(slug) }),
        qc.invalidateQueries({ queryKey: ['incident', slug] }),
        qc.invalidateQueries({ queryKey: ['response-times', slug] }),
      ]);
    } finally {
      if (arrivedDuringCatchUp === arrived) arrivedDuringCatchUp = null;
      // Older ones change nothing (version check); newer ones bring the lists back up to date.
      for (const incident of arrived) applyIncidentSnapshot(qc, slug, incident);
    }
  };

  return { handlers, onConnect };
}

/** The dispatcher stream of a network, kept in the query cache (see incidentStreamHandlers). */
export function useIncidentStream(slug: string): StreamState {
  const qc = useQueryClient();
  const { handlers, onConnect } = useMemo(() => incidentStreamHandlers(qc, slug), [qc, slug]);
  return useEventStream(`/api/v1/networks/${encodeURIComponent(slug)}/dispatch/stream`, handlers, () => void onConnect());
}
