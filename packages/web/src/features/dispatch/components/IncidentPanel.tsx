import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../kit/session.ts';
import { ErrorNote, Loading, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { dispatchApi, type IncidentT } from '../api.ts';
import { Coordinates, IncidentBadge } from '../../../kit/badges.tsx';
import type { PanelCommand } from './panel.ts';
import { DispatchForm, StatusActions } from './IncidentActions.tsx';
import { Merge, Reports, Responders, Timeline } from './IncidentRecords.tsx';
import { PlaceIncident } from './PlaceIncident.tsx';

export type { PanelCommand } from './panel.ts';

type Props = {
  slug: string;
  incidentId: string;
  others: IncidentT[];
  command: PanelCommand | null;
  onClose: () => void;
  onChanged: () => void;
};

/** One incident: where, lock, status actions, verify, dispatch, responders, reports, timeline. */
export function IncidentPanel({ slug, incidentId, others, command, onClose, onChanged }: Props) {
  const { t } = useTranslation('dispatch');
  const qc = useQueryClient();
  const me = useMe();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['incident', slug, incidentId],
    queryFn: () => dispatchApi.incident(slug, incidentId),
  });
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ['incident', slug, incidentId] });
    onChanged();
  };

  // Opening an incident takes its edit lock, so two dispatchers do not act at once.
  const lock = useMutation({ mutationFn: () => dispatchApi.lock(slug, incidentId), onSettled: reload });
  const unlock = useMutation({ mutationFn: () => dispatchApi.unlock(slug, incidentId), onSettled: reload });
  const lockedOnce = useRef(false);
  useEffect(() => {
    if (lockedOnce.current) return;
    lockedOnce.current = true;
    lock.mutate();
    headingRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNote error={detail.error} />;
  const d = detail.data;
  const inc = d.incident;
  const lockMine = inc.lock && me.data && inc.lock.accountId === me.data.id;
  const lockOther = inc.lock && !lockMine;

  return (
    <article className="panel" aria-labelledby={`inc-${inc.id}`}>
      <div className="title-row">
        <h2 id={`inc-${inc.id}`} ref={headingRef} tabIndex={-1}>
          {t(`categories.${inc.category}`)} <IncidentBadge status={inc.status} />
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('detail.close')}
        </button>
      </div>
      <dl className="facts">
        {inc.placeName && (
          <>
            <dt>{t('detail.place')}</dt>
            <dd>{inc.placeName}</dd>
          </>
        )}
        {inc.areaName && (
          <>
            <dt>{t('detail.area')}</dt>
            <dd>{inc.areaName}</dd>
          </>
        )}
        <dt>{t('detail.where')}</dt>
        <dd>{inc.locationText ?? (inc.point ? t('detail.gpsOnly') : t('queue.noLocation'))}</dd>
        {inc.point && (
          <>
            <dt>{t('detail.coordinates')}</dt>
            <dd>
              <Coordinates point={inc.point} />
            </dd>
          </>
        )}
        <dt>{t('detail.firstReport')}</dt>
        <dd>{formatDateTime(inc.firstReportedAt)}</dd>
        <dt>{t('detail.reportCount')}</dt>
        <dd>{inc.reportCount}</dd>
      </dl>
      <p className={`lock${lockOther ? ' other' : ''}`}>
        <span aria-hidden="true">{inc.lock ? '🔒 ' : '🔓 '}</span>
        {!inc.lock
          ? t('detail.lockFree')
          : lockMine
            ? t('detail.lockMine', { when: formatDateTime(inc.lock.expiresAt) })
            : t('detail.lockOther', { name: inc.lock.displayName, when: formatDateTime(inc.lock.expiresAt) })}{' '}
        {lockMine ? (
          <button type="button" className="link" onClick={() => unlock.mutate()} disabled={unlock.isPending}>
            {t('detail.releaseLock')}
          </button>
        ) : !inc.lock ? (
          <button type="button" className="link" onClick={() => lock.mutate()} disabled={lock.isPending}>
            {t('detail.takeLock')}
          </button>
        ) : null}
      </p>
      <Status message={done} />
      <PlaceIncident slug={slug} incident={inc} onDone={setDone} reload={reload} />
      <StatusActions slug={slug} detail={d} command={command} onDone={setDone} reload={reload} />
      <DispatchForm slug={slug} incident={inc} command={command} onDone={setDone} reload={reload} />
      <Responders slug={slug} detail={d} onDone={setDone} reload={reload} />
      <Reports slug={slug} detail={d} onDone={setDone} reload={reload} />
      {others.length > 0 && <Merge slug={slug} incident={inc} others={others} onDone={setDone} reload={reload} />}
      <Timeline detail={d} />
    </article>
  );
}
