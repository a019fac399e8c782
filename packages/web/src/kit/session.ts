import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@switchboard/shared';
import type { z } from 'zod';
import { ApiError, api } from './api.ts';

// Who is signed in is asked by the shell (nav, sign-in guard, language) and by several
// features (access rules, locks, memberships): one query, one key, kept here.

/** The signed-in person as GET /me describes them: profile, networks and memberships. */
export type MeT = z.infer<typeof Me>;

/** The query key of the signed-in person (null data means signed out). */
export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when signed out. */
export function useMe() {
  return useQuery<MeT | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<MeT>('GET', '/me');
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
