import { useTranslation } from 'react-i18next';
import type { Incident } from '@switchboard/shared';
import type { z } from 'zod';
import { formatDateTime } from '../format.ts';
import { MapView, type MapMarker } from './MapView.tsx';

type IncidentT = z.infer<typeof Incident>;

// The same glyphs as the status badges in the list.
const STATUS_ICONS: Record<string, string> = {
  new: '●',
  verifying: '◐',
  verified: '✓',
  unconfirmed: '?',
  false_alarm: '✕',
  resolved: '■',
};

/** The dispatcher's map: one marker per incident in the queue; choosing one opens it. */
export function IncidentsMap({
  incidents,
  selectedId,
  onSelect,
}: {
  incidents: IncidentT[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('map');
  const { t: td } = useTranslation('dispatch');
  const markers: MapMarker[] = incidents.map((i) => ({
    id: i.id,
    point: i.point,
    wordsOnly: !i.point && Boolean(i.locationText),
    cell: i.area,
    label: t('incidentMarker', {
      category: td(`categories.${i.category}`),
      status: td(`statuses.${i.status}`),
      time: formatDateTime(i.lastReportedAt),
    }),
    tone: `inc-${i.status}`,
    icon: STATUS_ICONS[i.status] ?? '•',
  }));
  return <MapView label={t('regionIncidents')} markers={markers} selectedId={selectedId} onSelect={onSelect} />;
}
