import { useTranslation } from 'react-i18next';
import type { StreamState } from './stream/use-event-stream.ts';
import './badges.css';

const INCIDENT_ICONS: Record<string, string> = {
  new: '●',
  verifying: '◐',
  verified: '✓',
  unconfirmed: '?',
  false_alarm: '✕',
  resolved: '■',
};

const DISPATCH_ICONS: Record<string, string> = {
  notified: '…',
  accepted: '✓',
  declined: '✕',
  timed_out: '⌛',
  en_route: '→',
  on_scene: '◉',
  stood_down: '■',
};

/** The connection state of a live stream: an icon and a word, announced politely. */
export function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation('dispatch');
  return (
    <span className={`live-indicator ${state}`} role="status" data-state={state}>
      <span aria-hidden="true">{state === 'live' ? '● ' : state === 'lost' ? '⚠ ' : '○ '}</span>
      {t(`live.${state}`)}
    </span>
  );
}

/** An incident status: colour, icon and word (colour is never the only signal). */
export function IncidentBadge({ status }: { status: string }) {
  const { t } = useTranslation('dispatch');
  return (
    <span className={`badge inc-${status}`}>
      <span aria-hidden="true">{INCIDENT_ICONS[status] ?? '•'} </span>
      {t(`statuses.${status}`)}
    </span>
  );
}

/** A responder's dispatch status: icon and word. */
export function DispatchBadge({ status }: { status: string }) {
  const { t } = useTranslation('dispatch');
  return (
    <span className={`badge disp-${status}`}>
      <span aria-hidden="true">{DISPATCH_ICONS[status] ?? '•'} </span>
      {t(`dispatchStatuses.${status}`)}
    </span>
  );
}

/** Coordinates with 4 decimals (about 10 m), left to right in every language. */
export function Coordinates({ point }: { point: { lat: number; lng: number } | null }) {
  if (!point) return null;
  return (
    <span dir="ltr" className="coords">
      {point.lat.toFixed(4)}, {point.lng.toFixed(4)}
    </span>
  );
}
