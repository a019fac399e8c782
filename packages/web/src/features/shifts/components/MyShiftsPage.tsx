import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton, ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { shiftsApi, type OccurrenceT } from '../api.ts';
import { ShiftHeading } from './bits.tsx';
import { FeedPanel } from './FeedPanel.tsx';

type Action = 'checkIn' | 'checkOut' | 'cancel' | 'offer' | 'withdraw';

/** A volunteer's own shifts: one big check-in / check-out button, cancel, offer a swap, calendar feed. */
export function MyShiftsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['shifts', slug, 'mine'], queryFn: () => shiftsApi.mine(slug) });
  const act = useMutation({
    mutationFn: ({ action, signupId }: { action: Action; signupId: string }) =>
      action === 'checkIn'
        ? shiftsApi.checkIn(slug, signupId)
        : action === 'checkOut'
          ? shiftsApi.checkOut(slug, signupId)
          : action === 'cancel'
            ? shiftsApi.cancel(slug, signupId)
            : shiftsApi.swap(slug, signupId, action === 'offer'),
    onMutate: () => setDone(null),
    onSuccess: async (_s, { action }) => {
      setDone(t(`mine.done.${action}`));
      await qc.invalidateQueries({ queryKey: ['shifts', slug] });
    },
  });
  const now = Date.now();

  return (
    <section className="narrow">
      <PageTitle>{t('mine.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/shifts`}>{t('nav.open')}</Link>
      </p>
      <Status message={done} />
      <ErrorNote error={act.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : list.data.shifts.length === 0 ? (
        <p className="muted">{t('mine.none')}</p>
      ) : (
        <ul className="cards">
          {list.data.shifts.map((shift) => (
            <MyShift
              key={shift.id}
              shift={shift}
              now={now}
              pending={act.isPending}
              onAction={(action) => act.mutate({ action, signupId: shift.mine!.signupId })}
            />
          ))}
        </ul>
      )}
      <FeedPanel slug={slug} />
    </section>
  );
}

function MyShift({
  shift,
  now,
  pending,
  onAction,
}: {
  shift: OccurrenceT;
  now: number;
  pending: boolean;
  onAction: (a: Action) => void;
}) {
  const { t } = useTranslation('shifts');
  const mine = shift.mine!;
  const started = Date.parse(shift.startsAt) - 60 * 60_000 <= now;
  const over = Date.parse(shift.endsAt) < now;
  const confirmed = mine.status === 'confirmed';
  return (
    <li className="card">
      <ShiftHeading shift={shift} />
      <p>
        <span className={`badge ${confirmed ? 'open' : 'pending'}`}>{t(`status.${mine.status}`)}</span>
        {mine.checkedInAt && !mine.checkedOutAt && <span className="badge active">{t('mine.onSite')}</span>}
        {mine.checkedOutAt && <span className="badge">{t('mine.left')}</span>}
        {mine.swapOffered && <span className="badge pending">{t('mine.offered')}</span>}
      </p>
      {confirmed && !mine.checkedInAt && started && !over && (
        <button type="button" className="primary big-toggle" disabled={pending} onClick={() => onAction('checkIn')}>
          {t('mine.checkIn')}
        </button>
      )}
      {confirmed && mine.checkedInAt && !mine.checkedOutAt && (
        <button type="button" className="primary big-toggle" disabled={pending} onClick={() => onAction('checkOut')}>
          {t('mine.checkOut')}
        </button>
      )}
      {!started && (
        <div className="row">
          <ConfirmButton
            label={t('mine.cancel')}
            question={t('mine.cancelQuestion')}
            confirmLabel={t('mine.cancelConfirm')}
            disabled={pending}
            onConfirm={() => onAction('cancel')}
          />
          {confirmed && (
            <button
              type="button"
              className="secondary"
              disabled={pending}
              onClick={() => onAction(mine.swapOffered ? 'withdraw' : 'offer')}
            >
              {mine.swapOffered ? t('mine.withdraw') : t('mine.offer')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
