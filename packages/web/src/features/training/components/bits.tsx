import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../kit/format.ts';
import type { CertificationT, SessionT } from '../api.ts';

/** "Tue, 5 Dec 2026, 18:00 – 20:00" in the reader's language, in the network's time zone. */
export function SessionWhen({ session }: { session: SessionT }) {
  const endText = formatDate(new Date(session.endsAt), 'time', session.timeZone);
  return (
    <>
      <time dateTime={session.startsAt}>{formatDateTime(session.startsAt, session.timeZone)}</time> – {endText}
    </>
  );
}

/** Places taken and waiting, in words. */
export function SessionFill({ session }: { session: SessionT }) {
  const { t } = useTranslation('training');
  return (
    <span className="fill">
      {t('fill.taken', { taken: session.registered, capacity: session.capacity })}
      {session.waitlisted > 0 && ` · ${t('fill.waiting', { count: session.waitlisted })}`}
    </span>
  );
}

/** A certification's state as a badge with a word (never colour alone). */
export function CertificationBadge({ cert }: { cert: CertificationT }) {
  const { t } = useTranslation('training');
  const cls = cert.state === 'valid' ? 'active' : cert.state;
  return <span className={`badge ${cls}`}>{t(`certState.${cert.state}`)}</span>;
}

/** A table that may scroll sideways on a phone: focusable and named, so keyboard users can scroll it too. */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
