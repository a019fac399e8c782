import { useEffect, useState } from 'react';
import { canDrawWebGL2, loadVectorBasemap, type MapSettingsT } from './map-settings.ts';

type Basemap = NonNullable<MapSettingsT['basemap']>;
type VectorBasemapComponent = Awaited<ReturnType<typeof loadVectorBasemap>>['VectorBasemap'];
/** off: none configured; loading: MapLibre or the file on its way; failed: the outline map stays. */
export type BasemapStatus = 'off' | 'loading' | 'ready' | 'failed';

/**
 * The vector basemap for a MapView: loads MapLibre only when the server has a basemap and
 * this browser has WebGL 2, and reports when it is drawn or has failed, so the map falls
 * back to the outline (or raster tiles) by itself.
 */
export function useVectorBasemap(basemap: Basemap | null) {
  const [component, setComponent] = useState<VectorBasemapComponent | null>(null);
  const [status, setStatus] = useState<Exclude<BasemapStatus, 'off'>>('loading');

  useEffect(() => {
    if (!basemap || component || status === 'failed') return;
    if (!canDrawWebGL2()) {
      setStatus('failed');
      return;
    }
    let live = true;
    loadVectorBasemap().then(
      (m) => live && setComponent(() => m.VectorBasemap),
      () => live && setStatus('failed'),
    );
    return () => {
      live = false;
    };
  }, [basemap, component, status]);

  return {
    status: (basemap ? status : 'off') as BasemapStatus,
    /** Rendered under the markers while loading and once drawn; null otherwise. */
    Component: basemap && status !== 'failed' ? component : null,
    onReady: () => setStatus((s) => (s === 'failed' ? s : 'ready')),
    onFail: () => setStatus('failed'),
  };
}
