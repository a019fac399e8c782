import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../kit/api.ts';
import { networksApi } from './api.ts';

/** How often the open outbox page looks for new messages. */
const REFRESH_MS = 5_000;

/** Whether an error says there is no demo outbox here (any server not started by demo-start). */
export const noDemoOutbox = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * The demo's outbox, for a network admin. A real server answers 404 once and is not
 * asked again; the demo's is re-read every few seconds while the page is open.
 */
export function useDemoOutbox(slug: string, { enabled = true, live = false }: { enabled?: boolean; live?: boolean } = {}) {
  return useQuery({
    queryKey: ['demo-outbox', slug],
    queryFn: () => networksApi.demoOutbox(slug),
    enabled,
    retry: (count, error) => !noDemoOutbox(error) && count < 2,
    refetchInterval: (q) => (live && !noDemoOutbox(q.state.error) ? REFRESH_MS : false),
    staleTime: live ? 0 : Number.POSITIVE_INFINITY,
  });
}
