import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { careApi, careKey, type CareRequestT, type TriageBody } from '../api.ts';
import { areaLabel, CareBadge, CareHeading } from './bits.tsx';

/**
 * Triage for coordinators, needs-action first: new requests on top, each with accept, decline
 * (with a reason the requester sees with their receipt code) and merge into another request.
 * Decided requests follow, folded. Only the coarse area is ever shown.
 */
export function TriagePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const access = useCareAccess(slug);
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: careKey(slug, 'requests'),
    queryFn: () => careApi.requests(slug),
    enabled: !!access?.triage,
    refetchInterval: 20_000,
  });
  const decide = useMutation({
    mutationFn: ({ id, body }: { id: string; body: TriageBody }) => careApi.triage(slug, id, body),
    onMutate: () => setDone(null),
    onSuccess: async (_r, { body }) => {
      setDone(t(`triage.done.${body.decision}`));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });

  const requests = list.data?.requests ?? [];
  const waiting = requests.filter((r) => r.status === 'new').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // The list refreshes on its own: say so when new requests arrive (the live region reads it).
  const seen = useRef<Set<string> | null>(null);
  const waitingIds = waiting.map((r) => r.id).join();
  useEffect(() => {
    if (!list.data) return;
    const ids = new Set(list.data.requests.filter((r) => r.status === 'new').map((r) => r.id));
    const arrived = seen.current ? [...ids].filter((id) => !seen.current!.has(id)).length : 0;
    seen.current = ids;
    if (arrived > 0) setDone(t('triage.arrived', { count: arrived }));
  }, [waitingIds, list.data, t]);
  if (access && !access.triage) return <p className="muted">{t('noAccess')}</p>;
  const decided = requests.filter((r) => r.status !== 'new');

  return (
    <section className="narrow">
      <PageTitle>{t('triage.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/care/tasks`}>{t('nav.tasks')}</Link>
      </p>
      <Status message={done} />
      <ErrorNote error={decide.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : (
        <>
          <h2>{t('triage.waiting', { count: waiting.length })}</h2>
          {waiting.length === 0 ? (
            <p className="muted">{t('triage.none')}</p>
          ) : (
            <ul className="cards">
              {waiting.map((r) => (
                <TriageCard
                  key={r.id}
                  request={r}
                  others={requests.filter((o) => o.id !== r.id && (o.status === 'new' || o.status === 'accepted'))}
                  pending={decide.isPending}
                  onDecide={(body) => decide.mutate({ id: r.id, body })}
                />
              ))}
            </ul>
          )}
          {decided.length > 0 && (
            <details className="roles">
              <summary>{t('triage.decided', { count: decided.length })}</summary>
              <ul className="cards">
                {decided.map((r) => (
                  <li key={r.id} className="card">
                    <CareHeading item={r} />
                    <p>
                      <CareBadge status={r.status} />
                    </p>
                    {r.declineReason && <p>{t('triage.reasonShown', { reason: r.declineReason })}</p>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function TriageCard({
  request,
  others,
  pending,
  onDecide,
}: {
  request: CareRequestT;
  others: CareRequestT[];
  pending: boolean;
  onDecide: (body: TriageBody) => void;
}) {
  const { t } = useTranslation('care');
  const id = useId();
  const [mode, setMode] = useState<'none' | 'decline' | 'merge'>('none');
  const [reason, setReason] = useState('');
  const [into, setInto] = useState('');
  const target = into || others[0]?.id || '';
  return (
    <li className="card care-needs">
      <CareHeading item={request} />
      <p>
        <CareBadge status={request.status} /> <span className="muted">{t(`origin.${request.origin}`)}</span>
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={pending} onClick={() => onDecide({ decision: 'accept' })}>
          {t('triage.accept')}
        </button>
        <button type="button" className="secondary" aria-expanded={mode === 'decline'} onClick={() => setMode('decline')}>
          {t('triage.decline')}
        </button>
        {others.length > 0 && (
          <button type="button" className="secondary" aria-expanded={mode === 'merge'} onClick={() => setMode('merge')}>
            {t('triage.merge')}
          </button>
        )}
      </div>
      {mode === 'decline' && (
        <form
          className="care-reason"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) onDecide({ decision: 'decline', reason: reason.trim() });
          }}
        >
          <label htmlFor={`${id}-reason`}>{t('triage.reason')}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('triage.reasonHint')}
          </p>
          <textarea
            id={`${id}-reason`}
            aria-describedby={`${id}-hint`}
            required
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="row">
            <button type="submit" className="danger" disabled={pending || !reason.trim()}>
              {t('triage.declineSubmit')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('none')}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'merge' && (
        <form
          className="care-reason"
          onSubmit={(e) => {
            e.preventDefault();
            if (target) onDecide({ decision: 'merge', into: target });
          }}
        >
          <SelectField
            label={t('triage.mergeInto')}
            value={target}
            onChange={(e) => setInto(e.target.value)}
            options={others.map((o) => ({
              value: o.id,
              label: `${t(`kinds.${o.kind}`)} · ${areaLabel(o.area, t)} · ${t(`status.${o.status}`)}`,
            }))}
          />
          <div className="row">
            <button type="submit" className="primary" disabled={pending || !target}>
              {t('triage.mergeSubmit')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('none')}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
