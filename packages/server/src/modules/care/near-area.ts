import { cellToChildren, getResolution, gridDisk, isValidCell } from 'h3-js';
import { badRequest } from '../../platform/errors.ts';

// The resolution of every request's coarse area (requests.service.ts' CARE_AREA_RESOLUTION).
const AREA_RESOLUTION = 8;
// A resolution-6 cell (about 36 km²) holds 49 resolution-8 cells; coarser ones would ask
// for thousands of cells in one query and are no driver's "near me".
const COARSEST_NEAR = 6;
/**
 * The most tasks one "near me" list holds, newest first: a phone screen's worth and then some.
 * Each listed task's items are decrypted, so the cap also bounds the list's cost in a dense area
 * (a driver who wants fewer, nearer ones asks for fewer rings).
 */
export const NEAR_LIMIT = 100;
/** Rings around the driver's area when the client names none: about 2 km each way. */
export const DEFAULT_NEAR_RINGS = 2;

/**
 * The resolution-8 cells a driver's "near me" covers: their coarse area (a resolution 6 to 8
 * cell, never a point) and `rings` rings of cells around it.
 */
export function cellsNear(near: string, rings = DEFAULT_NEAR_RINGS): string[] {
  // The schema checked the shape and resolution digit only; h3 itself says whether the cell exists.
  const resolution = isValidCell(near) ? getResolution(near) : -1;
  if (resolution < COARSEST_NEAR || resolution > AREA_RESOLUTION) throw badRequest('validation_failed', { fields: ['near'] });
  const inside = resolution === AREA_RESOLUTION ? [near] : cellToChildren(near, AREA_RESOLUTION);
  const cells = new Set<string>();
  for (const cell of inside) for (const c of gridDisk(cell, rings)) cells.add(c);
  return [...cells];
}
