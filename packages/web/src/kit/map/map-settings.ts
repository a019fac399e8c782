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

type VectorBasemapModule = typeof import('./VectorBasemap.tsx');
let vectorBasemap: Promise<VectorBasemapModule> | null = null;

/** MapLibre (about 250 KB) loads only when the server has a basemap and a map is shown. */
export function loadVectorBasemap(): Promise<VectorBasemapModule> {
  vectorBasemap ??= import('./VectorBasemap.tsx');
  return vectorBasemap;
}

/** Whether this browser can make the WebGL 2 context MapLibre needs; asked before loading it. */
export function canDrawWebGL2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return !!gl;
  } catch {
    return false;
  }
}
