// Where an incident is, in words: a dispatcher places an unplaced report (or corrects a wrong
// place) by searching the network's gazetteer, the way a caller names it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../kit/api.ts';
import { perform, QUEUED } from '../../../kit/pending-actions.ts';
import { ErrorNote } from '../../../kit/ui.tsx';
import { dispatchApi, type IncidentT, type PlaceMatchT } from '../api.ts';
import { incidentName } from '../incident-name.ts';
import type { PanelSection as Sub } from './panel.ts';

/** The id of the place search of an incident, so the dispatch form can send focus there. */
export const placeSearchId = (incidentId: string) => `place-search-${incidentId}`;

/** Wait this long after the last key before searching (a dispatcher types fast). */
const SEARCH_DELAY_MS = 200;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Search the gazetteer and put the incident at the place picked. Open by itself when unplaced. */
export function PlaceIncident({ slug, incident, onDone, reload }: Sub & { incident: IncidentT }) {
  const { t } = useTranslation('dispatch');
  const unplaced = incident.point === null;
  const [q, setQ] = useState(unplaced ? (incident.locationText ?? '') : '');
  const query = useDebounced(q.trim(), SEARCH_DELAY_MS);
  const found = useQuery({
    queryKey: ['places', slug, query],
    queryFn: () => dispatchApi.searchPlaces(slug, query),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  const place = useMutation({
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    mutationFn: (p: PlaceMatchT) => {
      const version = incident.version;
      return perform({
        describe: () => t('offline.place', { incident: incidentName(t, incident), place: p.name }),
        subject: incident.id,
        run: (key) => dispatchApi.setLocation(slug, incident.id, { placeId: p.id, version }, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      });
    },
    onSuccess: async (updated) => {
      if (updated === QUEUED) {
        onDone(null);
        setQ('');
        return;
      }
      onDone(t('place.placed', { place: updated.placeName ?? '' }));
      setQ('');
      await reload();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await reload();
    },
  });
  const matches = found.data?.places ?? [];
  const searchId = placeSearchId(incident.id);

  const body = (
    <div className="place-search">
      <div className="field">
        <label htmlFor={searchId}>{t('place.search')}</label>
        <p className="hint" id={`${searchId}-hint`}>
          {t('place.searchHint')}
        </p>
        <input
          id={searchId}
          type="search"
          value={q}
          autoComplete="off"
          aria-describedby={`${searchId}-hint`}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div aria-live="polite">
        {query.length >= 2 && found.isSuccess && matches.length === 0 && <p className="muted">{t('place.none')}</p>}
        {matches.length > 0 && (
          <ul className="place-matches" aria-label={t('place.matches')}>
            {matches.map((m) => (
              <li key={m.id}>
                <button type="button" className="secondary" disabled={place.isPending} onClick={() => place.mutate(m)}>
                  {t('place.use', { place: m.name })}
                  {m.areaName && m.areaName !== m.name && <span className="muted"> · {m.areaName}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorNote error={found.error ?? place.error} />
    </div>
  );

  if (unplaced)
    return (
      <section className="place-incident to-place" aria-labelledby={`${searchId}-title`}>
        <h3 id={`${searchId}-title`}>{t('place.title')}</h3>
        <p>{t('place.explain')}</p>
        {body}
      </section>
    );
  return (
    <details className="place-incident">
      <summary>{t('place.correct')}</summary>
      {body}
    </details>
  );
}
