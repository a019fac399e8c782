import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { formatList } from '../../../kit/format.ts';
import { Coordinates, DispatchBadge, LiveIndicator } from '../../../kit/badges.tsx';
import { perform, QUEUED } from '../../../kit/pending-actions.ts';
import { PendingActionsList, PendingCount } from '../../../kit/PendingActions.tsx';
import { useEventStream } from '../../../kit/stream/use-event-stream.ts';
import { responderApi, type MyDispatchStatus, type MyDispatchT } from '../api.ts';
import { AvailabilityToggle, type AvailabilityBody } from './AvailabilityToggle.tsx';
import '../responder.css';

const ACTIVE = new Set(['notified', 'accepted', 'en_route', 'on_scene']);
/** The button words, to name a queued answer the way the responder gave it. */
const ANSWER_WORDS: Record<MyDispatchStatus, string> = {
  accepted: 'accept',
  declined: 'decline',
  en_route: 'enRoute',
  on_scene: 'onScene',
};

/** A responder's screen: one big availability toggle, then the current dispatch with its next step. */
export function RespondPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('responder');
  const { t: td } = useTranslation('dispatch');
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const key = ['responder', slug];
  const state = useQuery({ queryKey: key, queryFn: () => responderApi.state(slug) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const live = useEventStream(
    `/api/v1/networks/${encodeURIComponent(slug)}/responder/stream`,
    { 'dispatch.updated': () => void refresh() },
    // Back after a drop: a dispatch may have come meanwhile (the first connection follows the page's own read).
    (first) => {
      if (!first) void refresh();
    },
  );

  const setAvailability = useMutation({
    // Offline it fails and says so, rather than wait unseen and run later.
    networkMode: 'always',
    mutationFn: (body: AvailabilityBody) => responderApi.setAvailability(slug, body),
    onSuccess: (s) => {
      qc.setQueryData(key, s);
      setRefused(false);
      setDone(s.available ? t('nowAvailable') : t('nowUnavailable'));
    },
  });
  const answer = useMutation({
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    // Through the offline queue: an answer given with no signal goes out when it returns.
    mutationFn: ({ dispatch, status }: { dispatch: MyDispatchT; status: MyDispatchStatus }) =>
      perform({
        describe: () =>
          t('offline.answer', { answer: t(ANSWER_WORDS[status]), incident: td(`categories.${dispatch.incident.category}`) }),
        run: (key) => responderApi.answer(slug, dispatch.id, status, key),
        onConfirmed: () => void refresh(),
        onRefused: () => void refresh(),
      }),
    onSuccess: async (r, { status }) => {
      if (r === QUEUED) {
        setDone(null);
        return;
      }
      setDone(
        status === 'accepted'
          ? t('accepted')
          : status === 'declined'
            ? t('declined')
            : status === 'en_route'
              ? t('enRouteDone')
              : t('onSceneDone'),
      );
      await refresh();
    },
  });

  if (state.isPending) return <Loading />;
  if (state.isError) return <ErrorNote error={state.error} />;
  const s = state.data;
  const current = s.dispatches.find((d) => ACTIVE.has(d.status));
  const past = s.dispatches.filter((d) => d !== current);

  return (
    <section className="narrow">
      <div className="title-row">
        <PageTitle>{t('title')}</PageTitle>
        <span className="row">
          <PendingCount />
          <LiveIndicator state={live} />
        </span>
      </div>
      <PendingActionsList />
      <Status message={done} />
      <ErrorNote error={setAvailability.error ?? answer.error} />
      {current ? (
        <CurrentDispatch
          dispatch={current}
          pending={answer.isPending}
          onAnswer={(status) => answer.mutate({ dispatch: current, status })}
        />
      ) : (
        <p className="muted">{t('none')}</p>
      )}
      <AvailabilityToggle
        available={s.available}
        pending={setAvailability.isPending}
        refused={refused}
        onRefused={() => setRefused(true)}
        onSet={(body) => setAvailability.mutate(body)}
        onStart={() => setDone(null)}
      />
      <p className="muted">
        {s.qualifications.length
          ? t('qualifications', { list: formatList(s.qualifications.map((q) => td(`qualifications.${q}`))) })
          : t('noQualifications')}
      </p>
      <PastDispatches dispatches={past} />
    </section>
  );
}

/** The last ten dispatches that are over. */
function PastDispatches({ dispatches }: { dispatches: MyDispatchT[] }) {
  const { t } = useTranslation('responder');
  const { t: td } = useTranslation('dispatch');
  if (dispatches.length === 0) return null;
  return (
    <>
      <h2>{t('past')}</h2>
      <ul className="cards">
        {dispatches.slice(0, 10).map((d) => (
          <li key={d.id} className="card">
            <p>
              <strong>{td(`categories.${d.incident.category}`)}</strong> <DispatchBadge status={d.status} />
            </p>
            {d.incident.locationText && <p>{d.incident.locationText}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}

function CurrentDispatch({
  dispatch: d,
  pending,
  onAnswer,
}: {
  dispatch: MyDispatchT;
  pending: boolean;
  onAnswer: (s: MyDispatchStatus) => void;
}) {
  const { t } = useTranslation('responder');
  const { t: td } = useTranslation('dispatch');
  return (
    <div className="card action" data-dispatch={d.id}>
      <h2>{t('current')}</h2>
      <p>
        <strong>{td(`categories.${d.incident.category}`)}</strong> <DispatchBadge status={d.status} />
      </p>
      <dl className="facts">
        <dt>{t('where')}</dt>
        <dd>
          {d.incident.locationText ?? td('queue.noLocation')} <Coordinates point={d.incident.point} />
        </dd>
      </dl>
      {d.status === 'notified' && (
        <div className="two">
          <button type="button" className="primary" disabled={pending} onClick={() => onAnswer('accepted')}>
            {t('accept')}
          </button>
          <button type="button" className="secondary" disabled={pending} onClick={() => onAnswer('declined')}>
            {t('decline')}
          </button>
        </div>
      )}
      {d.status === 'accepted' && (
        <button type="button" className="primary big-toggle" disabled={pending} onClick={() => onAnswer('en_route')}>
          {t('enRoute')}
        </button>
      )}
      {(d.status === 'accepted' || d.status === 'en_route') && (
        <button
          type="button"
          className={d.status === 'en_route' ? 'primary big-toggle' : 'secondary big-toggle'}
          disabled={pending}
          onClick={() => onAnswer('on_scene')}
        >
          {t('onScene')}
        </button>
      )}
    </div>
  );
}
