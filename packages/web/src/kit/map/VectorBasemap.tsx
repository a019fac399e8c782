// The vector street map under MapView's markers: MapLibre GL drawing the deployment's own
// PMTiles file. This module (and MapLibre, ~250 KB gzipped) loads only when the server
// has a basemap and a map is on screen. MapLibre only draws: MapView keeps the view,
// the keyboard and pointer handling and the marker buttons, so they behave as before.
import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker as a same-origin file: the CSP allows no blob: workers.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import { basemapStyle } from './basemap-style.ts';
import { unproject, type View } from './projection.ts';

/** How long the first frame may take before the outline map comes back. */
const LOAD_TIMEOUT_MS = 20_000;

let protocolAdded = false;
function setUpOnce() {
  if (protocolAdded) return;
  protocolAdded = true;
  maplibregl.setWorkerUrl(workerUrl);
  maplibregl.addProtocol('pmtiles', new Protocol().tile);
}

/** MapLibre counts zoom in 512-pixel tiles, MapView in 256-pixel ones: one level apart. */
const toMapLibreZoom = (zoom: number) => zoom - 1;
const cameraOf = (view: View) => {
  const { lat, lng } = unproject(view);
  return { center: [lng, lat] as [number, number], zoom: toMapLibreZoom(view.zoom) };
};

interface VectorBasemapProps {
  url: string;
  attribution: string | null;
  view: View;
  width: number;
  height: number;
  /** The first frame with the basemap is drawn. */
  onReady: () => void;
  /** No WebGL, or the file could not be read: MapView goes back to the outline map. */
  onFail: () => void;
}

export function VectorBasemap({ url, attribution, view, width, height, onReady, onFail }: VectorBasemapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const callbacks = useRef({ onReady, onFail });
  callbacks.current = { onReady, onFail };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    setUpOnce();
    let loaded = false;
    let instance: maplibregl.Map;
    try {
      instance = new maplibregl.Map({
        container: el,
        style: basemapStyle(url, attribution),
        ...cameraOf(view),
        interactive: false,
        attributionControl: false,
        fadeDuration: 0,
        renderWorldCopies: false,
        maxZoom: 22,
      });
    } catch {
      // MapLibre throws when it cannot create a WebGL context.
      callbacks.current.onFail();
      return;
    }
    map.current = instance;
    // A file that never answers (a proxy holding range requests) must not leave the map half-drawn.
    const giveUp = window.setTimeout(() => {
      if (!loaded) callbacks.current.onFail();
    }, LOAD_TIMEOUT_MS);
    instance.once('load', () => {
      loaded = true;
      window.clearTimeout(giveUp);
      callbacks.current.onReady();
    });
    // Before the first frame an error means the style or the file is unusable; later ones are a missing tile.
    instance.on('error', () => {
      if (!loaded) callbacks.current.onFail();
    });
    return () => {
      window.clearTimeout(giveUp);
      map.current = null;
      instance.remove();
    };
  }, [url, attribution]);

  useEffect(() => {
    map.current?.jumpTo(cameraOf(view));
  }, [view.x, view.y, view.zoom]);

  useEffect(() => {
    map.current?.resize();
  }, [width, height]);

  return <div ref={container} className="map-basemap" aria-hidden="true" />;
}
