import { useTranslation } from 'react-i18next';
import { formatCalendarDay, formatDate } from '../../../kit/format.ts';
import type { OccurrenceT } from '../api.ts';

/** "Tue, Dec 1, 7:30 – 8:30 AM" in the reader's language and the network's time zone. */
export function formatShiftTime(startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const time = (d: Date) => formatDate(d, 'time', timeZone);
  return `${formatDate(start, 'weekdayDate', timeZone)}, ${time(start)} – ${time(new Date(endsAt))}`;
}

/** Coverage state with an icon and a word (colour is never the only signal). */
export function CoverageBadge({ state }: { state: 'empty' | 'short' | 'filled' }) {
  const { t } = useTranslation('shifts');
  const icon = state === 'filled' ? '✓' : state === 'short' ? '◐' : '○';
  return (
    <span className={`badge cov-${state}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`coverage.state.${state}`)}
    </span>
  );
}

/** Heading block of a shift card: title, site, time. */
export function ShiftHeading({ shift, level = 2 }: { shift: OccurrenceT; level?: 2 | 3 }) {
  const { t } = useTranslation('shifts');
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <H className="shift-title">
        {shift.title} — {shift.siteName}
      </H>
      <p>
        <strong>{formatShiftTime(shift.startsAt, shift.endsAt, shift.timeZone)}</strong>
      </p>
      <p className="muted">
        {t(`kinds.${shift.siteKind}`)} · <span className="break">{shift.address}</span>
      </p>
    </>
  );
}

/** "Tue, Dec 8" for a local date (a calendar day: no time zone shift). */
export function formatLocalDate(date: string): string {
  return formatCalendarDay(date, 'weekdayDateYear');
}
