import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatCalendarDay } from '../../../kit/format.ts';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { shiftsApi, type OccurrenceT, type SlotT, type Where } from '../api.ts';
import { ShiftHeading } from './bits.tsx';

const WHERE: Where[] = ['all', 'near', 'mine'];

/** Upcoming shifts a volunteer can take, with sign-up, waitlist and swap in one tap each. */
export function OpenShiftsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const [where, setWhere] = useState<Where>('all');
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['shifts', slug, 'open', where], queryFn: () => shiftsApi.open(slug, where) });
  const act = useMutation({
    mutationFn: (a: { kind: 'signup'; shift: OccurrenceT; slot: SlotT } | { kind: 'take'; signupId: string }) =>
      a.kind === 'signup' ? shiftsApi.signUp(slug, a.shift.id, a.slot.id) : shiftsApi.take(slug, a.signupId),
    onSuccess: async (s) => {
      setDone(s.status === 'waitlisted' ? t('open.waitlisted') : t('open.signedUp'));
      await qc.invalidateQueries({ queryKey: ['shifts', slug] });
    },
    onMutate: () => setDone(null),
  });

  return (
    <section>
      <PageTitle>{t('open.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/shifts/mine`}>{t('nav.mine')}</Link>
      </p>
      <fieldset className="segmented">
        <legend>{t('open.where')}</legend>
        {WHERE.map((w) => (
          <label key={w} className="check">
            <input type="radio" name="where" value={w} checked={where === w} onChange={() => setWhere(w)} />
            <span>{t(`open.whereOptions.${w}`)}</span>
          </label>
        ))}
      </fieldset>
      <Status message={done} />
      <ErrorNote error={act.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : list.data.shifts.length === 0 ? (
        <p className="muted">{where === 'near' ? t('open.noneNear') : t('open.none')}</p>
      ) : (
        byDay(list.data.shifts).map(([day, shifts]) => (
          <section key={day} aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>{formatCalendarDay(day, 'weekdayDate')}</h2>
            <ul className="cards">
              {shifts.map((shift) => (
                <li key={shift.id} className="card">
                  <ShiftHeading shift={shift} />
                  {shift.mine && (
                    <p className="badge open">
                      {shift.mine.status === 'waitlisted' ? t('status.waitlisted') : t('status.confirmed')}
                    </p>
                  )}
                  <ul className="slots">
                    {shift.slots.map((slot) => {
                      const open = slot.peopleNeeded - slot.confirmed;
                      // A slot that needs a certification the volunteer lacks: say why, and where to get it.
                      const blocked = Boolean(slot.courseName) && !slot.eligible;
                      const needsId = `needs-${shift.id}-${slot.id}`;
                      return (
                        <li key={slot.id}>
                          <p>
                            {slot.label ?? t('open.slot')}:{' '}
                            {t('open.filled', { confirmed: slot.confirmed, needed: slot.peopleNeeded })}
                            {slot.waitlisted > 0 && ` · ${t('open.waiting', { count: slot.waitlisted })}`}
                          </p>
                          {slot.courseName && (
                            <p className={slot.eligible ? 'muted' : 'needs-certification'} id={needsId}>
                              {slot.eligible
                                ? t('open.certified', { course: slot.courseName })
                                : t('open.needsCertification', { course: slot.courseName })}{' '}
                              {blocked && <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('open.findTraining')}</Link>}
                            </p>
                          )}
                          {!shift.mine && (
                            <div className="row">
                              <button
                                type="button"
                                className="primary"
                                disabled={act.isPending || blocked}
                                aria-describedby={blocked ? needsId : undefined}
                                aria-label={`${open > 0 ? t('open.signUp') : t('open.joinWaitlist')}: ${shift.title}, ${slot.label ?? t('open.slot')}`}
                                onClick={() => act.mutate({ kind: 'signup', shift, slot })}
                              >
                                {open > 0 ? t('open.signUp') : t('open.joinWaitlist')}
                              </button>
                              {slot.swapOffers.slice(0, 1).map((offer) => (
                                <button
                                  key={offer}
                                  type="button"
                                  className="secondary"
                                  disabled={act.isPending}
                                  onClick={() => act.mutate({ kind: 'take', signupId: offer })}
                                >
                                  {t('open.takeSwap')}
                                </button>
                              ))}
                            </div>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

/** Shifts grouped by their local day, in the order the server sends them (soonest first). */
function byDay(shifts: OccurrenceT[]): [string, OccurrenceT[]][] {
  const days = new Map<string, OccurrenceT[]>();
  for (const s of shifts) days.set(s.localDate, [...(days.get(s.localDate) ?? []), s]);
  return [...days];
}
