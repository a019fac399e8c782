import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Loading, SelectField, Status } from '../../../kit/ui.tsx';
import { formatList } from '../../../kit/format.ts';
import { shiftsApi, WEEKDAYS, type Course, type SeriesT } from '../api.ts';
import { formatLocalDate } from './bits.tsx';
import { SeriesEditForm } from './SeriesEditForm.tsx';

/** The shifts planned at a site, for its coordinators: skip a date (or put it back), or change the shift from a date on. */
export function SeriesPanel({ slug, siteId }: { slug: string; siteId: string }) {
  const { t } = useTranslation('shifts');
  const list = useQuery({ queryKey: ['shifts', slug, 'site', siteId, 'series'], queryFn: () => shiftsApi.series(slug, siteId) });
  const courses = useQuery({ queryKey: ['shifts', slug, 'courses'], queryFn: () => shiftsApi.courses(slug) });
  // One live region for the panel: a change can replace the card it was made on.
  const [done, setDone] = useState<string | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNote error={list.error} />;
  // Versions an edit ended stay on record; only the current ones can be skipped or changed.
  const current = list.data.series.filter((s) => s.endsBefore === null);
  return (
    <section aria-labelledby="series-heading">
      <h2 id="series-heading">{t('series.title')}</h2>
      <Status message={done} />
      {current.length === 0 ? (
        <p>{t('series.none')}</p>
      ) : (
        <ul className="plain-list">
          {current.map((s) => (
            <li key={s.id} className="card">
              <SeriesCard slug={slug} series={s} courses={courses.data?.courses ?? []} announce={setDone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function repeatText(series: SeriesT, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!series.rrule) return t('series.once', { date: formatLocalDate(series.startDate) });
  const days = /BYDAY=([A-Z,]+)/
    .exec(series.rrule)?.[1]
    .split(',')
    .filter((d): d is (typeof WEEKDAYS)[number] => (WEEKDAYS as readonly string[]).includes(d));
  if (/FREQ=WEEKLY/.test(series.rrule) && days?.length)
    return t('series.weekly', { days: formatList(days.map((d) => t(`weekdays.${d}`))) });
  return t('series.rule', { rule: series.rrule });
}

function SeriesCard({
  slug,
  series,
  courses,
  announce,
}: {
  slug: string;
  series: SeriesT;
  courses: Course[];
  announce: (message: string | null) => void;
}) {
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const [skipDate, setSkipDate] = useState('');
  const [editing, setEditing] = useState(false);
  const headingId = `series-${series.id}`;
  const courseName = (id: string | null) => (id ? (courses.find((c) => c.id === id)?.name ?? '—') : null);
  // Any change here shows on the open shifts, my shifts and coverage screens too.
  const refresh = () => qc.invalidateQueries({ queryKey: ['shifts', slug] });
  const skip = useMutation({
    mutationFn: (v: { date: string; remove: boolean }) => shiftsApi.skipDate(slug, series.id, v.date, v.remove),
    onMutate: () => announce(null),
    onSuccess: async (_s, v) => {
      announce(t(v.remove ? 'series.restored' : 'series.skipped', { date: formatLocalDate(v.date) }));
      setSkipDate('');
      await refresh();
    },
  });
  // Today in the network's zone (en-CA formats as YYYY-MM-DD): past skips are history, not actions.
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: series.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const skipped = series.exceptions.filter((d) => d >= today);
  const date = skipDate || series.upcoming[0] || '';

  return (
    <>
      <h3 id={headingId} className="shift-title">
        {series.title}
      </h3>
      <p>
        <strong>
          {series.startTime}–{series.endTime}
        </strong>{' '}
        · {repeatText(series, t)}
      </p>
      <ul className="slots" aria-label={t('series.groups')}>
        {series.slots.map((sl) => (
          <li key={sl.id}>
            {t('series.slotLine', { label: sl.label ?? t('open.slot'), count: sl.peopleNeeded })}
            {sl.courseId && <> · {t('series.needs', { course: courseName(sl.courseId) })}</>}
          </li>
        ))}
      </ul>
      {series.upcoming.length > 0 && (
        <form
          className="action"
          onSubmit={(e) => {
            e.preventDefault();
            if (date) skip.mutate({ date, remove: false });
          }}
        >
          <SelectField
            label={t('series.skipDate')}
            value={date}
            onChange={(e) => setSkipDate(e.target.value)}
            options={series.upcoming.map((d) => ({ value: d, label: formatLocalDate(d) }))}
          />
          <p className="muted">{t('series.skipHint')}</p>
          <button type="submit" className="secondary" disabled={skip.isPending}>
            {t('series.skip')}
          </button>
        </form>
      )}
      <h4>{t('series.skippedTitle')}</h4>
      {skipped.length === 0 ? (
        <p className="muted">{t('series.noneSkipped')}</p>
      ) : (
        <ul className="plain-list">
          {skipped.map((d) => (
            <li key={d}>
              {formatLocalDate(d)}{' '}
              <button
                type="button"
                className="secondary"
                disabled={skip.isPending}
                aria-label={t('series.restoreDate', { date: formatLocalDate(d) })}
                onClick={() => skip.mutate({ date: d, remove: true })}
              >
                {t('series.restore')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={skip.error} />
      {!editing ? (
        series.upcoming.length > 0 && (
          <button type="button" className="secondary" aria-describedby={headingId} onClick={() => setEditing(true)}>
            {t('series.change')}
          </button>
        )
      ) : (
        <div className="card action">
          <h4>{t('series.changeTitle', { title: series.title })}</h4>
          <SeriesEditForm
            slug={slug}
            series={series}
            courses={courses}
            onCancel={() => setEditing(false)}
            onDone={async (r) => {
              setEditing(false);
              announce(
                t('series.changed', {
                  date: formatLocalDate(r.series.startDate),
                  count: r.dates,
                  told: r.told.changed + r.told.off + r.told.on,
                }),
              );
              await refresh();
            }}
          />
        </div>
      )}
    </>
  );
}
