import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { useShiftsAccess } from '../access.ts';
import { shiftsApi, type CoverageCellT } from '../api.ts';
import { AssignPanel } from './AssignPanel.tsx';
import { CoverageBadge, formatShiftTime } from './bits.tsx';
import { formatCalendarDay } from '../../../kit/format.ts';

/** Add days to a YYYY-MM-DD date. */
function shiftWeek(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Coverage at a glance: a week of slots, gaps first, with "call for help" on each gap; who is on site now. */
export function CoveragePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const [week, setWeek] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const access = useShiftsAccess(slug);
  const coverage = useQuery({
    queryKey: ['shifts', slug, 'coverage', week ?? 'now'],
    queryFn: () => shiftsApi.coverage(slug, week),
    refetchInterval: 30_000,
  });
  const onSite = useQuery({
    queryKey: ['shifts', slug, 'on-site'],
    queryFn: () => shiftsApi.onSite(slug),
    refetchInterval: 30_000,
  });
  const help = useMutation({
    mutationFn: (c: CoverageCellT) => shiftsApi.callForHelp(slug, c.occurrenceId, c.slotId),
    onMutate: () => setDone(null),
    onSuccess: async (r) => {
      setDone(r.notified > 0 ? t('coverage.helpSent', { count: r.notified }) : t('coverage.helpNobody'));
      await qc.invalidateQueries({ queryKey: ['shifts', slug, 'coverage'] });
    },
  });
  const data = coverage.data;
  const start = data?.weekStart;

  return (
    <section>
      <PageTitle>{t('coverage.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/sites`}>{t('nav.sites')}</Link>
        <a href={shiftsApi.exportUrl(slug, 'shifts')} download>
          {t('coverage.exportShifts')}
        </a>
        <a href={shiftsApi.exportUrl(slug, 'attendance')} download>
          {t('coverage.exportAttendance')}
        </a>
      </p>
      {start && (
        <div className="row" role="group" aria-label={t('coverage.weekNav')}>
          <button type="button" className="secondary" onClick={() => setWeek(shiftWeek(start, -7))}>
            {t('coverage.previous')}
          </button>
          <p className="week-label" aria-live="polite">
            {t('coverage.weekOf', {
              date: formatCalendarDay(start),
            })}
          </p>
          <button type="button" className="secondary" onClick={() => setWeek(shiftWeek(start, 7))}>
            {t('coverage.next')}
          </button>
        </div>
      )}
      <Status message={done} />
      <ErrorNote error={help.error} />
      {coverage.isPending ? (
        <Loading />
      ) : coverage.isError ? (
        <ErrorNote error={coverage.error} />
      ) : (
        <>
          <p role="status" className="totals">
            {t('coverage.totals', data!.totals)}
          </p>
          {data!.cells.length === 0 ? (
            <p className="muted">{t('coverage.none')}</p>
          ) : (
            <ul className="cards" aria-label={t('coverage.listLabel')}>
              {data!.cells.map((c) => (
                <li key={`${c.occurrenceId}:${c.slotId}`} className={`card cov-card cov-${c.state}`}>
                  <h2 className="shift-title">
                    {c.title} — {c.siteName}
                  </h2>
                  <p>
                    <strong>{formatShiftTime(c.startsAt, c.endsAt, data!.timeZone)}</strong>
                  </p>
                  <p>
                    <CoverageBadge state={c.state} /> {t('coverage.count', { confirmed: c.confirmed, needed: c.needed })}
                    {c.slotLabel && ` · ${c.slotLabel}`}
                    {c.courseName && ` · ${t('coverage.needs', { course: c.courseName })}`}
                  </p>
                  {c.state !== 'filled' && Date.parse(c.startsAt) > Date.now() && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={help.isPending}
                      onClick={() => help.mutate(c)}
                      aria-label={`${t('coverage.callForHelp')}: ${c.title}, ${c.siteName}`}
                    >
                      {t('coverage.callForHelp')}
                    </button>
                  )}
                  {c.state !== 'filled' && Date.parse(c.endsAt) > Date.now() && access && (
                    <AssignPanel access={access} cell={c} onDone={(name) => setDone(t('assign.done', { name }))} />
                  )}
                </li>
              ))}
            </ul>
          )}
          {data!.more > 0 && <p className="muted">{t('coverage.more', { count: data!.more })}</p>}
        </>
      )}
      <h2>{t('coverage.onSite')}</h2>
      {onSite.data && onSite.data.people.length === 0 && <p className="muted">{t('coverage.nobodyOnSite')}</p>}
      {onSite.data && onSite.data.people.length > 0 && (
        <ul>
          {onSite.data.people.map((p) => (
            <li key={`${p.occurrenceId}:${p.accountId}`}>
              {t('coverage.onSiteLine', { name: p.displayName, site: p.siteName })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
