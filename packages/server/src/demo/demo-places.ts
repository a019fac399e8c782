import { readFile } from 'node:fs/promises';
import type { Deps } from '../platform/context.ts';
import { loadPlaces } from '../modules/places/index.ts';

// Beside this file in a checkout (src/demo/gazetteer), beside the bundle in a build (dist/gazetteer).
const dataFile = (name: string) => new URL(`./gazetteer/${name}`, import.meta.url);

/**
 * The demo network's gazetteer: Minneapolis's 87 real neighbourhoods, and the corners and
 * landmarks people name in reports, so a typed "Lake & Chicago" lands on the map.
 */
export async function seedPlacesDemo(deps: Deps, networkId: string): Promise<void> {
  const files = [
    { name: 'minneapolis-neighborhoods.geojson', kind: 'landmark' },
    { name: 'minneapolis-corners.geojson', kind: 'intersection' },
    { name: 'minneapolis-landmarks.geojson', kind: 'landmark' },
  ] as const;
  for (const f of files) await loadPlaces(deps, networkId, { geojson: await readFile(dataFile(f.name), 'utf8'), kind: f.kind });
}
