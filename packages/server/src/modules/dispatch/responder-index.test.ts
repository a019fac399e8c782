import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { RESPONDER_RESOLUTION, ResponderIndex, toResponderCell } from './responder-index.ts';

const at = (lat: number, lng: number) => latLngToCell(lat, lng, RESPONDER_RESOLUTION);
const INCIDENT = { lat: 44.9486, lng: -93.2526 };

describe('ResponderIndex', () => {
  it('finds the nearest qualified responders ring by ring, skipping the unqualified and excluded', () => {
    const index = new ResponderIndex();
    index.upsert({ accountId: 'near-untrained', cell: at(44.9486, -93.2526), qualifications: [], languages: ['en'] });
    index.upsert({
      accountId: 'near-lo',
      cell: at(44.949, -93.253),
      qualifications: ['legal_observer'],
      languages: ['en', 'es'],
    });
    index.upsert({ accountId: 'mid-lo', cell: at(44.96, -93.2526), qualifications: ['legal_observer'], languages: ['so'] });
    index.upsert({ accountId: 'far-lo', cell: at(45.05, -93.2526), qualifications: ['legal_observer'], languages: ['en'] });
    expect(index.nearest(INCIDENT, { count: 2, qualification: 'legal_observer' }).map((c) => c.accountId)).toEqual([
      'near-lo',
      'mid-lo',
    ]);
    expect(
      index.nearest(INCIDENT, { count: 1, qualification: 'legal_observer', language: 'so' }).map((c) => c.accountId),
    ).toEqual(['mid-lo']);
    expect(
      index
        .nearest(INCIDENT, { count: 5, qualification: 'legal_observer', exclude: new Set(['near-lo']) })
        .map((c) => c.accountId),
    ).toEqual(['mid-lo']);
    // far-lo is ~11 km away: beyond the default rings unless the search widens further.
    expect(index.nearest(INCIDENT, { count: 5, qualification: 'legal_observer', maxRing: 40 }).map((c) => c.accountId)).toContain(
      'far-lo',
    );
  });

  it('counts a certified qualification only until it expires, and a manual one always', () => {
    const index = new ResponderIndex();
    const expiresAt = Date.parse('2026-12-01T00:00:00Z');
    index.upsert({
      accountId: 'certified',
      cell: at(44.9486, -93.2526),
      qualifications: [],
      languages: ['en'],
      certified: [{ qualification: 'legal_observer', expiresAt }],
    });
    index.upsert({ accountId: 'manual', cell: at(44.96, -93.2526), qualifications: ['legal_observer'], languages: ['en'] });
    const find = (atMs: number) =>
      index.nearest(INCIDENT, { count: 5, qualification: 'legal_observer', at: atMs }).map((c) => c.accountId);
    expect(find(expiresAt - 1)).toEqual(['certified', 'manual']);
    expect(find(expiresAt)).toEqual(['manual']);
    // A certification for another qualification never counts.
    expect(index.nearest(INCIDENT, { count: 5, qualification: 'verifier', at: expiresAt - 1 })).toEqual([]);
  });

  it('moves and removes responders', () => {
    const index = new ResponderIndex();
    index.upsert({ accountId: 'a', cell: at(44.9486, -93.2526), qualifications: [], languages: [] });
    index.upsert({ accountId: 'a', cell: at(45.2, -93.2), qualifications: [], languages: [] });
    expect(index.size).toBe(1);
    expect(index.nearest(INCIDENT, { count: 1 })).toEqual([]);
    index.remove('a');
    expect(index.size).toBe(0);
  });

  it('agrees with a brute-force search over a random population', () => {
    const index = new ResponderIndex();
    const origin = at(INCIDENT.lat, INCIDENT.lng);
    const disk = gridDisk(origin, 6);
    for (let i = 0; i < 500; i++)
      index.upsert({
        accountId: `r${i}`,
        cell: disk[(i * 7919) % disk.length],
        qualifications: i % 3 === 0 ? ['verifier'] : [],
        languages: [],
      });
    const found = index.nearest(INCIDENT, { count: 10, qualification: 'verifier' });
    expect(found).toHaveLength(10);
    // Every responder in a ring closer than the last one used was taken.
    const lastRing = Math.max(...found.map((f) => f.ring));
    const closer = new Set(gridDisk(origin, lastRing - 1));
    const expectedCloser = [...Array(500).keys()].filter((i) => i % 3 === 0 && closer.has(disk[(i * 7919) % disk.length])).length;
    expect(found.filter((f) => f.ring < lastRing)).toHaveLength(expectedCloser);
  });

  it('accepts only cells at the responder resolution or finer, coarsening finer ones', () => {
    expect(toResponderCell(latLngToCell(44.9, -93.2, 10))).toBe(latLngToCell(44.9, -93.2, 8));
    expect(toResponderCell(latLngToCell(44.9, -93.2, 6))).toBeUndefined();
    expect(toResponderCell('zzz')).toBeUndefined();
  });
});
