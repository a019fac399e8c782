// Web Mercator in plain arithmetic: the same projection tile sets use, so markers
// drawn here sit on the right street when a self-hoster adds tiles. World
// coordinates run 0..1 (x west→east, y north→south); a zoom level scales them to
// 256 × 2^z pixels.

/** A place in world coordinates (0..1). */
export type WorldPoint = { x: number; y: number };
/** What the map shows: a centre in world coordinates and an integer zoom level. */
export type View = { x: number; y: number; zoom: number };
/** One tile of a tile set, and where its top-left corner goes on screen. */
export type TileSlot = { z: number; x: number; y: number; left: number; top: number };

export const TILE_SIZE = 256;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const MAX_LAT = 85.05112878;

/** Width of the whole world in pixels at a zoom level. */
export const worldSize = (zoom: number) => TILE_SIZE * 2 ** zoom;

/** Latitude/longitude to world coordinates. */
export function project(lat: number, lng: number): WorldPoint {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return { x: (lng + 180) / 360, y: 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI) };
}

/** World coordinates back to latitude/longitude. */
export function unproject(p: WorldPoint): { lat: number; lng: number } {
  return { lat: (Math.atan(Math.sinh(Math.PI * (1 - 2 * p.y))) * 180) / Math.PI, lng: p.x * 360 - 180 };
}

/** Where a world point falls in a viewport of width × height pixels. */
export function toScreen(p: WorldPoint, view: View, width: number, height: number): { left: number; top: number } {
  const size = worldSize(view.zoom);
  return { left: (p.x - view.x) * size + width / 2, top: (p.y - view.y) * size + height / 2 };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The view moved by some pixels (positive dx east, dy south), kept on the world. */
export function panBy(view: View, dx: number, dy: number): View {
  const size = worldSize(view.zoom);
  return { ...view, x: clamp(view.x + dx / size, 0, 1), y: clamp(view.y + dy / size, 0, 1) };
}

/**
 * The view that shows every point with some padding, at the closest zoom that fits
 * (one point alone: `singleZoom`), within the zoom range.
 */
export function fitView(
  points: WorldPoint[],
  width: number,
  height: number,
  range: { min: number; max: number },
  padding = 32,
  singleZoom = 15,
): View | null {
  if (points.length === 0 || width <= 0 || height <= 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dx = x1 - x0;
  const dy = y1 - y0;
  let zoom = singleZoom;
  if (dx > 0 || dy > 0) {
    const fitX = dx > 0 ? (width - 2 * padding) / (dx * TILE_SIZE) : Infinity;
    const fitY = dy > 0 ? (height - 2 * padding) / (dy * TILE_SIZE) : Infinity;
    zoom = Math.floor(Math.log2(Math.max(Math.min(fitX, fitY), 1e-9)));
    zoom = Math.min(zoom, singleZoom);
  }
  return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, zoom: clamp(zoom, range.min, range.max) };
}

/** The tiles covering a viewport (no wrap-around: a city map never crosses the antimeridian). */
export function visibleTiles(view: View, width: number, height: number): TileSlot[] {
  const z = view.zoom;
  const n = 2 ** z;
  const size = worldSize(z);
  const left = view.x * size - width / 2;
  const top = view.y * size - height / 2;
  const out: TileSlot[] = [];
  const [tx0, tx1] = [Math.max(0, Math.floor(left / TILE_SIZE)), Math.min(n - 1, Math.floor((left + width) / TILE_SIZE))];
  const [ty0, ty1] = [Math.max(0, Math.floor(top / TILE_SIZE)), Math.min(n - 1, Math.floor((top + height) / TILE_SIZE))];
  for (let ty = ty0; ty <= ty1; ty++) {
    for (let tx = tx0; tx <= tx1; tx++) out.push({ z, x: tx, y: ty, left: tx * TILE_SIZE - left, top: ty * TILE_SIZE - top });
  }
  return out;
}

/** Metres one screen pixel covers at a latitude and zoom level. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / worldSize(zoom);
}

/** A round distance (1, 2 or 5 × 10ⁿ metres) no longer than maxPx on screen, and its length in pixels. */
export function scaleBar(lat: number, zoom: number, maxPx = 100): { metres: number; px: number } {
  const mpp = metresPerPixel(lat, zoom);
  const limit = mpp * maxPx;
  const power = 10 ** Math.floor(Math.log10(limit));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= limit) ?? power;
  return { metres, px: metres / mpp };
}

/**
 * Markers at the same spot (several incidents in one coarse cell) fanned out on a small
 * circle, so each stays visible and clickable. Positions are screen pixels; order is kept.
 */
export function spreadOverlaps<T extends { left: number; top: number }>(items: T[], radius = 18, cell = 6): T[] {
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = `${Math.round(it.left / cell)},${Math.round(it.top / cell)}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const out = items.slice();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    members.forEach((i, k) => {
      const angle = (2 * Math.PI * k) / members.length - Math.PI / 2;
      out[i] = { ...items[i], left: items[i].left + radius * Math.cos(angle), top: items[i].top + radius * Math.sin(angle) };
    });
  }
  return out;
}
