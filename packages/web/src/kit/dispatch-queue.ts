import type { IncidentList } from '@switchboard/shared';
import type { z } from 'zod';
import { api } from './api.ts';

// The dispatch queue as other screens see it: the home page counts what waits for a dispatcher.

/** Incidents no dispatcher has finished with: new, or being verified. */
const WAITING = new Set(['new', 'verifying']);

/** How many of a network's open incidents wait for a dispatcher. */
export async function incidentsWaiting(slug: string): Promise<number> {
  const { incidents } = await api<z.infer<typeof IncidentList>>(
    'GET',
    `/networks/${encodeURIComponent(slug)}/incidents?scope=open`,
  );
  return incidents.filter((i) => WAITING.has(i.status)).length;
}
