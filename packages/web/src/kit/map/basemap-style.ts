// The street-map style for a Protomaps basemap extract (its layer names: earth, water,
// landuse, roads, places, ...), in the app's colours, muted so markers stay the loudest
// thing on the map. No `glyphs` URL and no sprite: MapLibre draws label text with the
// device's own fonts, so nothing is fetched from anywhere but this server's one file.
import type { FilterSpecification, StyleSpecification } from 'maplibre-gl';

const COLOURS = {
  land: '#f8fafc',
  water: '#bfdbfe',
  waterLine: '#93c5fd',
  park: '#dcfce7',
  wood: '#d1fae5',
  building: '#e5e7eb',
  minor: '#ffffff',
  casing: '#cbd5e1',
  major: '#fef3c7',
  majorCasing: '#e2b86b',
  highway: '#fde68a',
  highwayCasing: '#c58b2a',
  rail: '#9ca3af',
  label: '#374151',
  labelHalo: '#ffffff',
  place: '#111827',
} as const;

const ROAD_KINDS = { minor: ['minor_road', 'other'], major: ['major_road', 'medium_road'], highway: ['highway'] } as const;
const kindIn = (kinds: readonly string[]): FilterSpecification => ['in', ['get', 'kind'], ['literal', [...kinds]]];
// Widths grow with zoom like a paper street map.
const width = (z12: number, z18: number) => ['interpolate', ['exponential', 1.6], ['zoom'], 12, z12, 18, z18] as never;
const FONT = ['sans-serif'];

/** The style for the basemap served at `url` (same origin as `page`), read through the pmtiles:// protocol. */
export function basemapStyle(url: string, attribution: string | null, page = window.location.href): StyleSpecification {
  return {
    version: 8,
    sources: {
      basemap: {
        type: 'vector',
        url: `pmtiles://${new URL(url, page).href}`,
        attribution: attribution ?? undefined,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLOURS.land } },
      { id: 'earth', type: 'fill', source: 'basemap', 'source-layer': 'earth', paint: { 'fill-color': COLOURS.land } },
      {
        id: 'parks',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'landuse',
        filter: kindIn(['park', 'national_park', 'nature_reserve', 'garden', 'playground', 'golf_course', 'cemetery']),
        paint: { 'fill-color': COLOURS.park },
      },
      {
        id: 'woods',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'landuse',
        filter: kindIn(['forest', 'wood']),
        paint: { 'fill-color': COLOURS.wood },
      },
      { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', paint: { 'fill-color': COLOURS.water } },
      {
        id: 'waterways',
        type: 'line',
        source: 'basemap',
        'source-layer': 'water',
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': COLOURS.waterLine, 'line-width': width(1, 4) },
      },
      {
        id: 'buildings',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'buildings',
        minzoom: 14,
        paint: { 'fill-color': COLOURS.building, 'fill-opacity': 0.8 },
      },
      {
        id: 'roads-minor-casing',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.minor),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.casing, 'line-width': width(2, 18) },
      },
      {
        id: 'roads-minor',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.minor),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.minor, 'line-width': width(1, 15) },
      },
      {
        id: 'rail',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: ['==', ['get', 'kind'], 'rail'],
        paint: { 'line-color': COLOURS.rail, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'roads-major-casing',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.major),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.majorCasing, 'line-width': width(3.5, 26) },
      },
      {
        id: 'roads-major',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.major),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.major, 'line-width': width(2.5, 22) },
      },
      {
        id: 'roads-highway-casing',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.highway),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.highwayCasing, 'line-width': width(4.5, 30) },
      },
      {
        id: 'roads-highway',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        filter: kindIn(ROAD_KINDS.highway),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COLOURS.highway, 'line-width': width(3, 26) },
      },
      {
        id: 'road-labels',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'roads',
        minzoom: 14,
        filter: ['has', 'name'],
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': FONT,
          'text-size': 12,
          'text-max-angle': 30,
        },
        paint: { 'text-color': COLOURS.label, 'text-halo-color': COLOURS.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'places',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'places',
        filter: kindIn(['locality', 'neighbourhood', 'macrohood']),
        layout: {
          'text-field': ['get', 'name'],
          'text-font': FONT,
          'text-size': ['match', ['get', 'kind'], 'locality', 16, 13],
          'text-max-width': 8,
          'text-padding': 4,
        },
        paint: { 'text-color': COLOURS.place, 'text-halo-color': COLOURS.labelHalo, 'text-halo-width': 2 },
      },
    ],
  };
}
