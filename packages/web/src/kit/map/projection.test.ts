import { describe, expect, it } from 'vitest';
import { fitView, panBy, project, scaleBar, spreadOverlaps, toScreen, unproject, visibleTiles } from './projection.ts';

describe('map projection', () => {
  it('projects to Web Mercator and back', () => {
    expect(project(0, 0)).toEqual({ x: 0.5, y: 0.5 });
    const p = project(44.9486, -93.2526);
    // Tile 3 at zoom 3 is the one holding Minneapolis in every XYZ tile set.
    expect(Math.floor(p.x * 8)).toBe(1);
    expect(Math.floor(p.y * 8)).toBe(2);
    const back = unproject(p);
    expect(back.lat).toBeCloseTo(44.9486, 6);
    expect(back.lng).toBeCloseTo(-93.2526, 6);
  });

  it('fits points in the viewport, and one point at the single-point zoom', () => {
    const a = project(44.94, -93.3);
    const b = project(44.98, -93.2);
    const view = fitView([a, b], 400, 300, { min: 3, max: 18 })!;
    for (const p of [a, b]) {
      const s = toScreen(p, view, 400, 300);
      expect(s.left).toBeGreaterThanOrEqual(32);
      expect(s.left).toBeLessThanOrEqual(368);
      expect(s.top).toBeGreaterThanOrEqual(32);
      expect(s.top).toBeLessThanOrEqual(268);
    }
    // One zoom closer would not fit.
    const closer = { ...view, zoom: view.zoom + 1 };
    expect([a, b].some((p) => toScreen(p, closer, 400, 300).left < 32 || toScreen(p, closer, 400, 300).left > 368)).toBe(true);
    expect(fitView([a], 400, 300, { min: 3, max: 18 })!.zoom).toBe(15);
    expect(fitView([a], 400, 300, { min: 3, max: 12 })!.zoom).toBe(12);
    expect(fitView([], 400, 300, { min: 3, max: 18 })).toBeNull();
  });

  it('lists the tiles under a viewport with their offsets', () => {
    const tiles = visibleTiles({ x: 0.5, y: 0.5, zoom: 1 }, 256, 256);
    expect(tiles.map((t) => `${t.z}/${t.x}/${t.y}@${t.left},${t.top}`)).toEqual([
      '1/0/0@-128,-128',
      '1/1/0@128,-128',
      '1/0/1@-128,128',
      '1/1/1@128,128',
    ]);
    expect(visibleTiles({ x: 0, y: 0, zoom: 0 }, 100, 100)).toHaveLength(1);
  });

  it('pans in pixels and stays on the world', () => {
    const v = panBy({ x: 0.5, y: 0.5, zoom: 1 }, 128, -128);
    expect(v).toEqual({ x: 0.75, y: 0.25, zoom: 1 });
    expect(panBy({ x: 0.99, y: 0.01, zoom: 0 }, 500, -500)).toEqual({ x: 1, y: 0, zoom: 0 });
  });

  it('picks a round scale-bar distance that fits', () => {
    const s = scaleBar(45, 15, 100);
    expect([1, 2, 5].map((m) => m * 10 ** Math.floor(Math.log10(s.metres)))).toContain(s.metres);
    expect(s.px).toBeLessThanOrEqual(100);
    expect(s.px).toBeGreaterThan(40);
    expect(s.metres).toBe(200);
  });

  it('fans out markers that share a spot and leaves the others alone', () => {
    const out = spreadOverlaps([
      { id: 'a', left: 100, top: 100 },
      { id: 'b', left: 101, top: 100 },
      { id: 'c', left: 300, top: 50 },
    ]);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[2]).toEqual({ id: 'c', left: 300, top: 50 });
    const gap = Math.hypot(out[0].left - out[1].left, out[0].top - out[1].top);
    expect(gap).toBeGreaterThanOrEqual(30);
  });
});
