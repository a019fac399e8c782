import { useQuery } from '@tanstack/react-query';
import { identityApi } from './api.ts';

export const SEAL_KEY = ['seal'] as const;

/** Whether the server is sealed (started without its key): asked once a minute at most. */
export function useSealStatus() {
  return useQuery({ queryKey: SEAL_KEY, queryFn: identityApi.sealStatus, staleTime: 60_000 });
}
