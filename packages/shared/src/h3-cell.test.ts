import fc from 'fast-check';
import { cellToChildren, getPentagons, getResolution, gridDisk, isValidCell, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellResolution } from './h3-cell.ts';

/** What h3-js says about the same string. */
const h3 = (s: string) => (isValidCell(s) ? getResolution(s) : null);
const HEX = '0123456789abcdef';

/** Real cells at every resolution: near anywhere, and pentagons with their children and neighbours. */
const realCell = fc.oneof(
  fc
    .tuple(
      fc.double({ min: -90, max: 90, noNaN: true }),
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.integer({ min: 0, max: 15 }),
    )
    .map(([lat, lng, res]) => latLngToCell(lat, lng, res)),
  fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 11 }), fc.nat()).map(([res, p, pick]) => {
    const pentagon = getPentagons(res)[p];
    const near = [...cellToChildren(pentagon, res + 1), ...gridDisk(pentagon, 1)];
    return near[pick % near.length];
  }),
);

describe('cellResolution (H3 cells without h3-js)', () => {
  it('agrees with h3-js on real cells', () => {
    fc.assert(
      fc.property(realCell, (cell) => {
        expect(cellResolution(cell)).toBe(h3(cell));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with h3-js on real cells with one hex digit changed', () => {
    const mutated = fc
      .tuple(realCell, fc.nat(14), fc.constantFrom(...HEX))
      .map(([cell, at, digit]) => cell.slice(0, at) + digit + cell.slice(at + 1));
    fc.assert(
      fc.property(mutated, (s) => {
        expect(cellResolution(s)).toBe(h3(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with h3-js on any 15 hex digits', () => {
    const any = fc.string({ unit: fc.constantFrom(...HEX), minLength: 15, maxLength: 15 });
    fc.assert(
      fc.property(any, (s) => {
        expect(cellResolution(s)).toBe(h3(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a pentagon child on the deleted K axis, and what is not 15 lowercase hex digits', () => {
    // Resolution 1 under pentagon base cell 4: digit 1 is a hole in the grid, digit 2 a cell.
    expect(isValidCell('81087ffffffffff')).toBe(false);
    expect(cellResolution('81087ffffffffff')).toBeNull();
    expect(cellResolution('8108bffffffffff')).toBe(1);
    for (const s of ['', '8a2a1072b59fff', '8a2a1072b59ffff0', '8A2A1072B59FFFF', 'not-a-cell-at-a'])
      expect(cellResolution(s)).toBeNull();
    expect(cellResolution('8a2a1072b59ffff')).toBe(10);
  });
});
