// Whether 15 hex digits are an H3 cell, and its resolution, without h3-js. The schemas
// validate in the browser too, and h3-js (a compiled C library, about 200 KB) would come
// along with every schema that takes an area. Same rules as isValidCell in H3 v4;
// h3-cell.test.ts checks them against h3-js.

const BASE_CELLS = 122;
const MAX_RESOLUTION = 15;
/** Base cells that are pentagons: their children skip the K axis (digit 1). */
const PENTAGONS = new Set([4, 14, 24, 38, 49, 58, 63, 72, 83, 97, 107, 117]);

/** The resolution of a cell written as 15 lowercase hex digits (as APIs send them), or null when it is no cell. */
export function cellResolution(cell: string): number | null {
  if (!/^[0-9a-f]{15}$/.test(cell)) return null;
  const index = BigInt(`0x${cell}`);
  const bits = (shift: number, width: number) => Number((index >> BigInt(shift)) & ((1n << BigInt(width)) - 1n));
  // Mode 1 (a cell) and no edge or vertex bits: the first hex digit is always 8.
  if (bits(59, 5) !== 1 || bits(56, 3) !== 0) return null;
  const resolution = bits(52, 4);
  const baseCell = bits(45, 7);
  if (baseCell >= BASE_CELLS) return null;
  let beforeFirstTurn = true;
  for (let r = 1; r <= MAX_RESOLUTION; r++) {
    const digit = bits((MAX_RESOLUTION - r) * 3, 3);
    // Digits past the resolution are all 7; up to it, 0 to 6.
    if (r > resolution) {
      if (digit !== 7) return null;
      continue;
    }
    if (digit === 7) return null;
    if (beforeFirstTurn && digit !== 0) {
      beforeFirstTurn = false;
      if (digit === 1 && PENTAGONS.has(baseCell)) return null;
    }
  }
  return resolution;
}
