import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MapSettings } from '@switchboard/shared';
import { api } from '../api.ts';

export type MapSettingsT = z.infer<typeof MapSettings>;

/** Whether this deployment serves its own tiles; asked once per page load. */
export function useMapSettings() {
  return useQuery({
    queryKey: ['map-settings'],
    queryFn: () => api<MapSettingsT>('GET', '/map'),
    staleTime: Infinity,
    retry: false,
  });
}

type H3 = typeof import('h3-js');
let h3: Promise<H3> | null = null;

/** h3-js (about 200 KB) loads only when a map with areas is shown. */
export function loadH3(): Promise<H3> {
  h3 ??= import('h3-js');
  return h3;
}
