import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicAlert } from '@switchboard/shared';
import type { z } from 'zod';
import { formatDateTime } from '../format.ts';
import { MapView, type MapMarker } from './MapView.tsx';

type PublicAlertT = z.infer<typeof PublicAlert>;

const KIND_TONES: Record<string, string> = { verified: 'inc-verified', update: 'inc-verifying', all_clear: 'inc-resolved' };
const KIND_ICONS: Record<string, string> = { verified: '✓', update: '↻', all_clear: '■' };

/** The list item of an alert (rendered by the alerts page). */
const itemOf = (alertId: string) => document.querySelector<HTMLElement>(`.alert-list [data-alert="${CSS.escape(alertId)}"]`);

/**
 * The public alert map: each incident's latest alert at the centre of its coarse area
 * (the public API never gives a point). A marker brings its alert in the list into view
 * and focus; choosing an alert in the list highlights its marker.
 */
export function AlertsMap({ alerts }: { alerts: PublicAlertT[] }) {
  const { t } = useTranslation('map');
  const { t: ta } = useTranslation('alerts');
  const { t: td } = useTranslation('dispatch');
  const [selectedId, setSelectedId] = useState<string | null>(null);

  // The list is newest first: keep the latest alert of each incident.
  const latest = alerts.filter((a, i) => alerts.findIndex((b) => b.incidentId === a.incidentId) === i);
  const markers: MapMarker[] = latest.map((a) => ({
    id: a.id,
    point: null,
    cell: a.area,
    label: t('alertMarker', {
      kind: ta(`kinds.${a.kind}`),
      category: td(`categories.${a.category}`),
      time: formatDateTime(a.createdAt),
    }),
    tone: KIND_TONES[a.kind] ?? 'inc-verified',
    icon: KIND_ICONS[a.kind] ?? '•',
  }));

  // Clicking or tabbing into an alert in the list selects its incident's marker.
  useEffect(() => {
    const pick = (e: Event) => {
      const item = (e.target as HTMLElement | null)?.closest<HTMLElement>('.alert-list [data-incident]');
      const incidentId = item?.dataset.incident;
      const marker = incidentId ? latest.find((a) => a.incidentId === incidentId) : undefined;
      if (marker) setSelectedId(marker.id);
    };
    document.addEventListener('click', pick);
    document.addEventListener('focusin', pick);
    return () => {
      document.removeEventListener('click', pick);
      document.removeEventListener('focusin', pick);
    };
  });

  const select = (id: string) => {
    setSelectedId(id);
    const item = itemOf(id);
    if (!item) return;
    item.tabIndex = -1;
    item.scrollIntoView({ block: 'nearest' });
    item.focus();
  };

  return <MapView label={t('regionAlerts')} markers={markers} selectedId={selectedId} onSelect={select} />;
}
