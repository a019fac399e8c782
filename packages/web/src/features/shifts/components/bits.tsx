import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../kit/language.ts';
import type { OccurrenceT } from '../api.ts';

/** "Tue, Dec 1, 7:30 – 8:30 AM" in the reader's language and the network's time zone. */
export function formatShiftTime(startsAt: string, endsAt: string, timeZone: string): string {
  const lang = currentLanguage();
  try {
    const day = new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'short', day: 'numeric', timeZone }).format(
      new Date(startsAt),
    );
    const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone });
    return `${day}, ${time.format(new Date(startsAt))} – ${time.format(new Date(endsAt))}`;
  } catch {
    return `${startsAt} – ${endsAt}`;
  }
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
  try {
    return new Intl.DateTimeFormat(currentLanguage(), {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));
  } catch {
    return date;
  }
}
