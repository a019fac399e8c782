import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { careApi, careKey, type CareAddressT, type CareTaskT, type ProgressBody } from '../api.ts';
import { CareBadge, CareHeading } from './bits.tsx';
import { TaskAddress } from './TaskAddress.tsx';

/** Statuses in which the trip is the driver's (and the address theirs to read). */
const UNDER_WAY = new Set(['assigned', 'picked_up']);

/**
 * A driver's deliveries. Each card shows the area; the address is fetched only when the driver
 * opens it, held in this card's state (not the query cache, the URL, the title or storage) and
 * dropped as soon as the trip ends. Finished trips below show the area only.
 */
export function MyTasksPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const access = useCareAccess(slug);
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: careKey(slug, 'tasks'),
    queryFn: () => careApi.tasks(slug),
    enabled: !!access?.tasks,
    refetchInterval: 20_000,
  });
  if (access && !access.tasks) return <p className="muted">{t('noAccess')}</p>;
  const mine = (list.data?.tasks ?? []).filter((x) => x.driverAccountId === access?.accountId);
  const current = mine.filter((x) => UNDER_WAY.has(x.status));
  const finished = mine.filter((x) => !UNDER_WAY.has(x.status));

  return (
    <section className="narrow">
      <PageTitle>{t('mine.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/care/tasks`}>{t('nav.tasks')}</Link>
      </p>
      <Status message={done} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : (
        <>
          {current.length === 0 ? (
            <p className="muted">{t('mine.none')}</p>
          ) : (
            <ul className="cards">
              {current.map((task) => (
                <MyTask key={task.id} slug={slug} task={task} onDone={setDone} />
              ))}
            </ul>
          )}
          {finished.length > 0 && (
            <>
              <h2>{t('mine.finished')}</h2>
              <ul className="cards">
                {finished.map((task) => (
                  <li key={task.id} className="card">
                    <CareHeading item={task} />
                    <p>
                      <CareBadge status={task.status} />
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function MyTask({ slug, task, onDone }: { slug: string; task: CareTaskT; onDone: (m: string | null) => void }) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const id = useId();
  const [address, setAddress] = useState<CareAddressT | null>(null);
  const [failing, setFailing] = useState(false);
  const [reason, setReason] = useState('');
  // Not a query or mutation: their caches would keep the address after the card is gone.
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<unknown>(null);
  const reveal = async () => {
    setRevealing(true);
    setRevealError(null);
    try {
      setAddress(await careApi.address(slug, task.id));
    } catch (e) {
      setRevealError(e);
    } finally {
      setRevealing(false);
    }
  };
  const progress = useMutation({
    mutationFn: (body: ProgressBody) => careApi.progress(slug, task.id, body),
    onMutate: () => onDone(null),
    onSuccess: async (_r, body) => {
      // The trip has ended for this driver: the address leaves the screen before anything else.
      if (body.status !== 'picked_up') setAddress(null);
      onDone(t(`mine.done.${body.status}`));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  const pending = progress.isPending;
  return (
    <li className="card care-needs">
      <CareHeading item={task} />
      <p>
        <CareBadge status={task.status} />
      </p>
      {address ? (
        <>
          <TaskAddress address={address} headingId={`${id}-addr`} />
          <button type="button" className="secondary" onClick={() => setAddress(null)}>
            {t('mine.hideAddress')}
          </button>
        </>
      ) : (
        <button type="button" className="primary care-big" disabled={revealing} onClick={() => void reveal()}>
          {t('mine.showAddress')}
        </button>
      )}
      <ErrorNote error={revealError ?? progress.error} />
      <div className="row">
        {task.status === 'assigned' && (
          <button type="button" className="secondary" disabled={pending} onClick={() => progress.mutate({ status: 'picked_up' })}>
            {t('mine.pickedUp')}
          </button>
        )}
        <button type="button" className="primary" disabled={pending} onClick={() => progress.mutate({ status: 'delivered' })}>
          {t('mine.delivered')}
        </button>
        <button type="button" className="secondary" aria-expanded={failing} onClick={() => setFailing(!failing)}>
          {t('mine.failed')}
        </button>
      </div>
      {failing && (
        <form
          className="care-reason"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) progress.mutate({ status: 'failed', reason: reason.trim() });
          }}
        >
          <label htmlFor={`${id}-fail`}>{t('mine.failReason')}</label>
          <textarea
            id={`${id}-fail`}
            required
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="danger" disabled={pending || !reason.trim()}>
            {t('mine.failSubmit')}
          </button>
        </form>
      )}
    </li>
  );
}
