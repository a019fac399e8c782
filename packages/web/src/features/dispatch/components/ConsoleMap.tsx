import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IncidentsMap } from '../../../kit/map/index.tsx';
import type { IncidentT } from '../api.ts';

/**
 * Whether the console shows its map. Kept in the address (?map=hidden), so a reload or a
 * shared link keeps it; never in the browser's storage. Replaces the history entry: Back
 * goes to the previous incident, not to the previous map state.
 */
export function useMapShown() {
  const [params, setParams] = useSearchParams();
  const shown = params.get('map') !== 'hidden';
  const setShown = (next: boolean) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next) q.delete('map');
        else q.set('map', 'hidden');
        return q;
      },
      { replace: true },
    );
  return { shown, setShown, mapId: useId() };
}

type MapState = ReturnType<typeof useMapShown>;

/** "Hide map" / "Show map": a button that says whether the map is open and which element it opens. */
export function MapToggle({ map }: { map: MapState }) {
  const { t } = useTranslation('dispatch');
  return (
    <button
      type="button"
      className="secondary"
      aria-expanded={map.shown}
      aria-controls={map.mapId}
      onClick={() => map.setShown(!map.shown)}
    >
      {map.shown ? t('mapPanel.hide') : t('mapPanel.show')}
    </button>
  );
}

type Props = {
  map: MapState;
  /** Undefined while the queue loads: the map's room is kept empty until then. */
  list: IncidentT[] | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
};

/**
 * The console's map column. Its height is fixed by the layout before the map's code, its
 * basemap or the queue arrive, so nothing beside or below it moves when they do.
 */
export function ConsoleMap({ map, list, selectedId, onSelect }: Props) {
  return (
    <div className="console-map" id={map.mapId} hidden={!map.shown}>
      {map.shown && list && <IncidentsMap incidents={list} selectedId={selectedId} onSelect={onSelect} />}
    </div>
  );
}
