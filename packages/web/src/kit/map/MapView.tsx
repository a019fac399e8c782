import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../language.ts';
import { loadH3, useMapSettings } from './map-settings.ts';
import {
  fitView,
  panBy,
  project,
  scaleBar,
  spreadOverlaps,
  toScreen,
  unproject,
  visibleTiles,
  type View,
  type WorldPoint,
} from './projection.ts';
import { useVectorBasemap } from './use-vector-basemap.ts';
import './map.css';

/** One thing on the map. Its place is the point if known, else the centre of its coarse cell. */
export interface MapMarker {
  id: string;
  point: { lat: number; lng: number } | null;
  /** H3 cell outlined around the marker (coarse area). */
  cell: string | null;
  /** Accessible name: what, which state, when. */
  label: string;
  /** CSS class carrying the status colour (e.g. inc-verified). */
  tone: string;
  /** A glyph for the status, so colour is never the only signal. */
  icon: string;
  /** No point, but words were given that no place matched yet (a dispatcher places it). */
  wordsOnly?: boolean;
}

interface MapViewProps {
  /** Name of the map region. */
  label: string;
  markers: MapMarker[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const SCHEMATIC_ZOOM = { min: 3, max: 18 };
/** A vector basemap is drawn at any zoom (past the file's last level MapLibre enlarges its tiles). */
const BASEMAP_ZOOM = SCHEMATIC_ZOOM;
/** Markers this far outside the viewport still render, so they slide in when panning. */
const MARGIN = 24;

type Placed = MapMarker & { world: WorldPoint };
type Outline = { cell: string; ring: WorldPoint[] };

/**
 * A map that never asks anything of another origin: markers (buttons) over the
 * deployment's own vector basemap (MapLibre, when the server has one and the browser has
 * WebGL 2), its own raster tiles, or a schematic background with a grid; the coarse cells
 * outlined, a scale bar and north up. Keyboard: arrows pan, + and − zoom, 0 shows all.
 */
export function MapView({ label, markers, selectedId, onSelect }: MapViewProps) {
  const { t } = useTranslation('map');
  const settings = useMapSettings();
  const basemap = settings.data?.basemap ?? null;
  const vector = useVectorBasemap(basemap);
  // The basemap, once drawn, replaces raster tiles; while it loads the outline shows.
  const vectorShown = vector.status === 'ready';
  const vectorWanted = vector.status === 'loading' || vectorShown;
  const tiles = vectorWanted ? null : (settings.data?.tiles ?? null);
  const range = vectorWanted ? BASEMAP_ZOOM : tiles ? { min: tiles.minZoom, max: tiles.maxZoom } : SCHEMATIC_ZOOM;
  const mode = vectorShown ? 'basemap' : tiles ? 'tiles' : 'schematic';
  const attribution = vectorShown ? basemap?.attribution : tiles?.attribution;
  // A callback ref: the viewport appears only once something has a place.
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const hintId = useId();
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<View | null>(null);
  const [userMoved, setUserMoved] = useState(false);
  const [h3, setH3] = useState<Awaited<ReturnType<typeof loadH3>> | null>(null);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);

  const needsH3 = markers.some((m) => m.cell);
  useEffect(() => {
    if (needsH3 && !h3) void loadH3().then(setH3);
  }, [needsH3, h3]);

  useLayoutEffect(() => {
    const el = viewport;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [viewport]);

  const placed: Placed[] = useMemo(
    () =>
      markers.flatMap((m) => {
        const at = m.point ?? (m.cell && h3 ? (([lat, lng]) => ({ lat, lng }))(h3.cellToLatLng(m.cell)) : null);
        return at ? [{ ...m, world: project(at.lat, at.lng) }] : [];
      }),
    [markers, h3],
  );
  const outlines: Outline[] = useMemo(() => {
    if (!h3) return [];
    const cells = [...new Set(markers.map((m) => m.cell).filter((c): c is string => !!c))];
    return cells.map((cell) => ({ cell, ring: h3.cellToBoundary(cell).map(([lat, lng]) => project(lat, lng)) }));
  }, [markers, h3]);

  const fitted = useMemo(
    () =>
      fitView(
        placed.map((p) => p.world),
        size.width,
        size.height,
        range,
        40,
      ),
    [placed, size.width, size.height, range.min, range.max],
  );
  // Follow new markers until the person moves the map themselves.
  useEffect(() => {
    if (!userMoved && fitted) setView(fitted);
  }, [fitted, userMoved]);
  // Keep the view inside the tile set's zoom range once it is known.
  useEffect(() => {
    setView((v) =>
      v && (v.zoom < range.min || v.zoom > range.max) ? { ...v, zoom: Math.max(range.min, Math.min(range.max, v.zoom)) } : v,
    );
  }, [range.min, range.max]);
  // Something chosen in the list comes into view.
  useEffect(() => {
    const chosen = placed.find((p) => p.id === selectedId);
    if (!chosen || !view) return;
    const s = toScreen(chosen.world, view, size.width, size.height);
    if (s.left < 0 || s.top < 0 || s.left > size.width || s.top > size.height)
      setView({ ...view, x: chosen.world.x, y: chosen.world.y });
    // Only when the choice changes: panning away afterwards is the person's call.
  }, [selectedId]);

  const move = (next: View) => {
    setUserMoved(true);
    setView(next);
  };
  const zoomBy = (d: number) => view && move({ ...view, zoom: Math.max(range.min, Math.min(range.max, view.zoom + d)) });
  const step = () => Math.max(32, Math.round(Math.min(size.width, size.height) / 4));
  const showAll = () => {
    setUserMoved(false);
    if (fitted) setView(fitted);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!view || e.ctrlKey || e.metaKey || e.altKey) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    if (moves[e.key]) move(panBy(view, moves[e.key][0] * step(), moves[e.key][1] * step()));
    else if (e.key === '+' || e.key === '=') zoomBy(1);
    else if (e.key === '-' || e.key === '_') zoomBy(-1);
    else if (e.key === '0') showAll();
    else return;
    e.preventDefault();
  };

  // Mouse drag pans; touch keeps scrolling the page (the buttons pan on phones).
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType !== 'mouse' || e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId || !view) return;
    move(panBy(view, d.x - e.clientX, d.y - e.clientY));
    drag.current = { ...d, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  if (placed.length === 0 && markers.every((m) => m.point || !m.cell || h3)) {
    return (
      <p className="muted map-empty" data-map-empty>
        {t('nothingToShow')}
      </p>
    );
  }

  const { width, height } = size;
  const centre = view ? unproject(view) : null;
  const scale = view && centre ? scaleBar(centre.lat, view.zoom, Math.min(120, width / 3)) : null;
  const screen = (p: WorldPoint) => (view ? toScreen(p, view, width, height) : { left: -1e6, top: -1e6 });
  const inView = (s: { left: number; top: number }) =>
    s.left >= -MARGIN && s.top >= -MARGIN && s.left <= width + MARGIN && s.top <= height + MARGIN;
  // Off the map for two reasons: words nobody could place yet, or no place given at all.
  const unplacedWords = markers.filter((m) => !m.point && m.wordsOnly).length;
  const unlocated = markers.length - placed.length - unplacedWords;

  return (
    <section className="map" aria-label={label} data-map-mode={mode}>
      <p className="visually-hidden" id={hintId}>
        {t('hint')}
      </p>
      <div
        ref={setViewport}
        className={`map-viewport${mode === 'schematic' ? ' schematic' : ''}`}
        dir="ltr"
        role="group"
        aria-label={t('viewport')}
        aria-describedby={hintId}
        tabIndex={0}
        data-zoom={view?.zoom}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {view && basemap && vector.Component && (
          <vector.Component
            url={basemap.url}
            attribution={basemap.attribution}
            view={view}
            width={width}
            height={height}
            onReady={vector.onReady}
            onFail={vector.onFail}
          />
        )}
        {view && tiles && (
          <div className="map-tiles" aria-hidden="true">
            {visibleTiles(view, width, height).map((tile) => (
              <img
                key={`${tile.z}/${tile.x}/${tile.y}`}
                src={tiles.urlTemplate
                  .replace('{z}', String(tile.z))
                  .replace('{x}', String(tile.x))
                  .replace('{y}', String(tile.y))}
                alt=""
                draggable={false}
                decoding="async"
                style={{ left: tile.left, top: tile.top }}
              />
            ))}
          </div>
        )}
        {view && (
          <svg className="map-overlay" width={width} height={height} aria-hidden="true" focusable="false">
            {mode === 'schematic' && scale && <Grid view={view} width={width} height={height} step={scale.px} />}
            {outlines.map((o) => (
              <polygon
                key={o.cell}
                className={placed.some((p) => p.id === selectedId && p.cell === o.cell) ? 'cell selected' : 'cell'}
                points={o.ring
                  .map((p) => screen(p))
                  .map((s) => `${s.left.toFixed(1)},${s.top.toFixed(1)}`)
                  .join(' ')}
              />
            ))}
          </svg>
        )}
        {view &&
          spreadOverlaps(placed.map((m) => ({ m, ...screen(m.world) }))).map(({ m, ...s }) => {
            if (!inView(s)) return null;
            const selected = m.id === selectedId;
            return (
              <button
                key={m.id}
                type="button"
                className={`map-marker ${m.tone}${selected ? ' selected' : ''}`}
                data-marker={m.id}
                aria-label={m.label}
                aria-current={selected ? 'true' : undefined}
                title={m.label}
                style={{ left: s.left, top: s.top }}
                onClick={() => onSelect(m.id)}
              >
                <span aria-hidden="true">{m.icon}</span>
              </button>
            );
          })}
        <span className="map-north" aria-hidden="true">
          ↑<br />
          {t('north')}
        </span>
        {scale && (
          <span className="map-scale" aria-hidden="true">
            <span className="bar" style={{ width: scale.px }} />
            <span>{formatDistance(scale.metres)}</span>
          </span>
        )}
        {attribution && (
          <span className="map-attribution" dir="auto">
            {attribution}
          </span>
        )}
      </div>
      <div className="map-controls" role="group" aria-label={t('controls')}>
        <button
          type="button"
          className="secondary"
          aria-label={t('zoomIn')}
          title={t('zoomIn')}
          disabled={!view || view.zoom >= range.max}
          onClick={() => zoomBy(1)}
        >
          <span aria-hidden="true">+</span>
        </button>
        <button
          type="button"
          className="secondary"
          aria-label={t('zoomOut')}
          title={t('zoomOut')}
          disabled={!view || view.zoom <= range.min}
          onClick={() => zoomBy(-1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        {(
          [
            ['panNorth', '↑', 0, -1],
            ['panSouth', '↓', 0, 1],
            ['panWest', '←', -1, 0],
            ['panEast', '→', 1, 0],
          ] as const
        ).map(([key, glyph, dx, dy]) => (
          <button
            key={key}
            type="button"
            className="secondary"
            aria-label={t(key)}
            title={t(key)}
            disabled={!view}
            onClick={() => view && move(panBy(view, dx * step(), dy * step()))}
          >
            <span aria-hidden="true">{glyph}</span>
          </button>
        ))}
        <button type="button" className="secondary" onClick={showAll} disabled={!fitted}>
          {t('showAll')}
        </button>
      </div>
      <p className="hint map-note">
        {mode === 'schematic' && !vectorWanted ? `${t('schematic')} ` : null}
        {unplacedWords > 0 ? `${t('unplaced', { count: unplacedWords })} ` : null}
        {unlocated > 0 ? t('unlocated', { count: unlocated }) : null}
      </p>
    </section>
  );
}

/** Schematic background: grid lines one scale-bar apart, fixed to the world so they move with the map. */
function Grid({ view, width, height, step }: { view: View; width: number; height: number; step: number }) {
  if (step < 8) return null;
  const origin = toScreen({ x: 0, y: 0 }, view, width, height);
  const first = (o: number) => ((o % step) + step) % step;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = first(origin.left); x < width; x += step) xs.push(x);
  for (let y = first(origin.top); y < height; y += step) ys.push(y);
  return (
    <g className="grid">
      {xs.map((x) => (
        <line key={`x${x}`} x1={x} x2={x} y1={0} y2={height} />
      ))}
      {ys.map((y) => (
        <line key={`y${y}`} x1={0} x2={width} y1={y} y2={y} />
      ))}
    </g>
  );
}

/** "200 m", "2 km" in the reader's language. */
function formatDistance(metres: number): string {
  const km = metres >= 1000;
  try {
    return new Intl.NumberFormat(currentLanguage(), {
      style: 'unit',
      unit: km ? 'kilometer' : 'meter',
      unitDisplay: 'short',
    }).format(km ? metres / 1000 : metres);
  } catch {
    return km ? `${metres / 1000} km` : `${metres} m`;
  }
}
