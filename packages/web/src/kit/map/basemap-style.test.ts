import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { basemapStyle } from './basemap-style.ts';

const PAGE = 'https://rr.example.org/n/twin-cities/dispatch';

describe('basemapStyle', () => {
  const style = basemapStyle('/map/basemap.pmtiles', '© OpenStreetMap contributors', PAGE);

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('reads only the same-origin PMTiles file: no glyphs, no sprite, no other source', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(Object.values(style.sources)).toEqual([
      {
        type: 'vector',
        url: 'pmtiles://https://rr.example.org/map/basemap.pmtiles',
        attribution: '© OpenStreetMap contributors',
      },
    ]);
    // Nothing in the style names another host.
    const hosts = [...JSON.stringify(style).matchAll(/https?:\/\/([^/"]+)/g)].map((m) => m[1]);
    expect(new Set(hosts)).toEqual(new Set(['rr.example.org']));
  });

  it('draws a street map from the Protomaps layers: water, parks, roads, road names and places', () => {
    const layers = style.layers.map((l) => ('source-layer' in l ? `${l.type}:${l['source-layer']}` : l.type));
    for (const want of ['fill:water', 'fill:landuse', 'line:roads', 'symbol:roads', 'symbol:places'])
      expect(layers, want).toContain(want);
  });
});
