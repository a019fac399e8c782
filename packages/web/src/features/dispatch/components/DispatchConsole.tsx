import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { LiveIndicator } from '../../../kit/badges.tsx';
import { PendingActionsList, PendingCount } from '../../../kit/PendingActions.tsx';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { dispatchApi, type IncidentT } from '../api.ts';
import { chime, NEEDS_ACTION, useArrivals, useTitleCount } from '../arrivals.ts';
import { incidentsKey, type Scope } from '../incident-cache.ts';
import { useIncidentStream } from '../incident-stream.ts';
import { ConsoleMap, MapToggle, useMapShown } from './ConsoleMap.tsx';
import { IncidentPanel, type PanelCommand } from './IncidentPanel.tsx';
import { IncidentQueue, useConsoleKeys } from './IncidentQueue.tsx';
import { PhoneReportForm } from './PhoneReportForm.tsx';
import { ResponseTimesPanel } from './ResponseTimesPanel.tsx';
import '../rapid.css';

/**
 * The dispatcher console: a live queue (needs action first), the open incident beside it and
 * the map (see rapid.css for the columns). DOM order is the reading order on every screen.
 */
export function DispatchConsole() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('dispatch');
  const qc = useQueryClient();
  const [scope, setScope] = useState<Scope>('open');
  const [phoneOpen, setPhoneOpen] = useState(false);

  const incidents = useQuery({
    queryKey: incidentsKey(slug, scope),
    queryFn: () => dispatchApi.incidents(slug, scope),
  });
  const list: IncidentT[] = incidents.data?.incidents ?? [];
  const live = useIncidentStream(slug);
  const sel = useSelection(list, () => setPhoneOpen(true));
  const map = useMapShown();
  // The first load holds the columns back until the queue (and an incident opened by a shared
  // link) is there, so neither pushes the map down as it arrives; later loads happen in place.
  const firstLoad = useRef(true);
  const linked = useQuery({
    queryKey: ['incident', slug, sel.openId],
    queryFn: () => dispatchApi.incident(slug, sel.openId ?? ''),
    enabled: firstLoad.current && Boolean(sel.openId),
    retry: false,
  });
  if (!incidents.isPending && !(sel.openId && linked.isPending)) firstLoad.current = false;
  const [sound, setSound] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const arrived = useArrivals(list, incidents.isSuccess, (fresh) => {
    setAnnouncement(
      fresh.length === 1
        ? t('arrivals.one', {
            category: t(`categories.${fresh[0].category}`),
            where: fresh[0].placeName ?? fresh[0].areaName ?? fresh[0].locationText ?? t('queue.noLocation'),
          })
        : t('arrivals.many', { count: fresh.length }),
    );
    if (sound) chime();
  });
  useTitleCount(t('title'), list.filter((i) => NEEDS_ACTION.has(i.status)).length);

  // After this dispatcher's own changes (the stream keeps up with everyone else's).
  const refresh = useCallback(
    (incidentId?: string) => {
      void qc.invalidateQueries({ queryKey: incidentsKey(slug) });
      void qc.invalidateQueries({ queryKey: ['response-times', slug] });
      if (incidentId) void qc.invalidateQueries({ queryKey: ['incident', slug, incidentId] });
    },
    [qc, slug],
  );

  return (
    <section className="console-page">
      <div className="title-row">
        <PageTitle>{t('title')}</PageTitle>
        <span className="row">
          <PendingCount />
          <LiveIndicator state={live} />
        </span>
      </div>
      <PendingActionsList />
      <p className="hint">{t('shortcuts')}</p>
      {/* Spoken to screen readers as new incidents arrive; the queue highlights them too. */}
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      <div className="console-tools">
        <label className="check">
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} />
          <span>{t('arrivals.sound')}</span>
        </label>
        <MapToggle map={map} />
        <details className="tool" open={phoneOpen} onToggle={(e) => setPhoneOpen(e.currentTarget.open)}>
          <summary>{t('phone.open')}</summary>
          {phoneOpen && <PhoneReportForm slug={slug} onSaved={() => refresh()} />}
        </details>
      </div>
      {/* The columns appear together once the queue is known: none of them pushes another on load. */}
      {firstLoad.current ? (
        <Loading />
      ) : (
        <>
          <div className={`console${map.shown ? '' : ' no-map'}`}>
            <QueueSection scope={scope} onScope={setScope} incidents={incidents} list={list} sel={sel} arrived={arrived} />
            <div className="console-detail">
              {sel.openId ? (
                <IncidentPanel
                  key={sel.openId}
                  slug={slug}
                  incidentId={sel.openId}
                  others={list.filter((i) => i.id !== sel.openId)}
                  command={sel.command}
                  onClose={sel.close}
                  onChanged={() => refresh(sel.openId ?? undefined)}
                />
              ) : (
                <p className="muted panel">{t('detail.choose')}</p>
              )}
            </div>
            <ConsoleMap
              map={map}
              list={incidents.data?.incidents}
              selectedId={sel.openId}
              onSelect={(id) => {
                sel.setCursor(
                  Math.max(
                    0,
                    list.findIndex((i) => i.id === id),
                  ),
                );
                sel.open(id);
              }}
            />
          </div>
          <ResponseTimesPanel slug={slug} />
        </>
      )}
    </section>
  );
}

type Selection = ReturnType<typeof useSelection>;

/**
 * Which queue item has the cursor and which incident is open, with the console's keys on them.
 * The open incident is in the URL (?incident=…): reload and Back keep it, and a dispatcher can
 * send the link to another.
 */
function useSelection(list: IncidentT[], onPhone: () => void) {
  const [cursor, setCursor] = useState(0);
  const [params, setParams] = useSearchParams();
  const openId = params.get('incident');
  const [command, setCommand] = useState<PanelCommand | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const setOpenId = (id: string | null) => {
    if (id === openId) return;
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('incident', id);
      else next.delete('incident');
      return next;
    });
  };

  // Keep the cursor inside the list as it changes under us.
  useEffect(() => {
    if (cursor > 0 && cursor >= list.length) setCursor(Math.max(0, list.length - 1));
  }, [list.length, cursor]);
  // An incident opened from the URL puts the cursor on it once the list is there.
  const placedCursor = useRef(false);
  useEffect(() => {
    if (placedCursor.current || !openId || list.length === 0) return;
    placedCursor.current = true;
    const idx = list.findIndex((i) => i.id === openId);
    if (idx >= 0) setCursor(idx);
  }, [openId, list]);

  const focusItem = (i: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.queue-item');
    buttons?.[i]?.focus();
  };
  const open = (id: string, cmd: PanelCommand | null = null) => {
    setOpenId(id);
    setCommand(cmd ? { ...cmd } : null);
  };

  useConsoleKeys({
    list,
    cursor,
    openId,
    onMove: (next) => {
      setCursor(next);
      focusItem(next);
    },
    onCommand: open,
    onPhone,
  });

  return {
    cursor,
    setCursor,
    openId,
    command,
    listRef,
    open,
    close: () => {
      setOpenId(null);
      focusItem(cursor);
    },
  };
}

type QueueSectionProps = {
  arrived: ReadonlySet<string>;
  scope: Scope;
  onScope: (scope: Scope) => void;
  incidents: UseQueryResult<unknown>;
  list: IncidentT[];
  sel: Selection;
};

/** The queue column: its scope and the list. */
function QueueSection({ arrived, scope, onScope, incidents, list, sel }: QueueSectionProps) {
  const { t } = useTranslation('dispatch');
  return (
    <div className="console-queue">
      <div className="title-row">
        <h2>{t('queue.title')}</h2>
        <label className="check">
          <input type="checkbox" checked={scope === 'all'} onChange={(e) => onScope(e.target.checked ? 'all' : 'open')} />
          <span>{t('scope.all')}</span>
        </label>
      </div>
      <ErrorNote error={incidents.error} />
      {incidents.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <IncidentQueue
          list={list}
          listRef={sel.listRef}
          cursor={sel.cursor}
          openId={sel.openId}
          arrived={arrived}
          onFocusItem={sel.setCursor}
          onOpen={(idx) => {
            sel.setCursor(idx);
            sel.open(list[idx].id);
          }}
        />
      )}
    </div>
  );
}
