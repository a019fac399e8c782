import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../kit/api.ts';
import { identityApi, type MeT } from './api.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when signed out. */
export function useMe() {
  return useQuery<MeT | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await identityApi.me();
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.code === 'unauthenticated' || e.code === 'session_expired')) {
          return null;
        }
        throw e;
      }
    },
    staleTime: 30_000,
    retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
  });
}

/** Store a fresh Me (after sign-in or a profile change) without a round trip. */
export function useSetMe() {
  const qc = useQueryClient();
  return (me: MeT | null) => {
    qc.setQueryData(ME_KEY, me);
  };
}

export const SEAL_KEY = ['seal'] as const;

/** Whether the server is sealed (started without its key): asked once a minute at most. */
export function useSealStatus() {
  return useQuery({ queryKey: SEAL_KEY, queryFn: identityApi.sealStatus, staleTime: 60_000 });
}
