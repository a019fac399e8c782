import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { candidateReach } from './clustering.ts';
import { AREA_RESOLUTION } from './geo.ts';

/** The point `meters` from `p` towards `bearing` (radians), on a sphere. */
function moved(p: { lat: number; lng: number }, meters: number, bearing: number) {
  const R = 6_371_000;
  const d = meters / R;
  const lat1 = (p.lat * Math.PI) / 180;
  const lng1 = (p.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
  const lng2 = lng1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
}

describe('candidateReach', () => {
  it('covers every cell a point within the radius can be in, for radii from 50 m to 5 km, anywhere', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const radius of [50, 500, 700, 1000, 2500, 5000]) {
      for (let n = 0; n < 300; n++) {
        const p = { lat: (random() - 0.5) * 140, lng: (random() - 0.5) * 360 };
        const cells = new Set(candidateReach(p, '2026-12-04T12:00:00.000Z', { radiusMeters: radius, windowMinutes: 30 }).cells);
        for (let k = 0; k < 24; k++) {
          const q = moved(p, radius * (0.5 + random() / 2), random() * 2 * Math.PI);
          expect(cells.has(latLngToCell(q.lat, q.lng, AREA_RESOLUTION)), `${radius} m from ${p.lat},${p.lng}`).toBe(true);
        }
      }
    }
  });

  it('goes back the clustering window from when the report was observed', () => {
    const reach = candidateReach({ lat: 44.95, lng: -93.25 }, '2026-12-04T12:00:00.000Z', {
      radiusMeters: 300,
      windowMinutes: 45,
    });
    expect(reach.since).toBe('2026-12-04T11:15:00.000Z');
    expect(reach.cells).toHaveLength(7);
  });
});
