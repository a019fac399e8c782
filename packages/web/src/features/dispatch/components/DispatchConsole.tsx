import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { IncidentsMap } from '../../../kit/map/index.tsx';
import { dispatchApi, type IncidentT } from '../api.ts';
import { incidentsKey } from '../incident-cache.ts';
import { useIncidentStream } from '../incident-stream.ts';
import { Coordinates, IncidentBadge, LiveIndicator } from '../../../kit/badges.tsx';
import { IncidentPanel, type PanelCommand } from './IncidentPanel.tsx';
import { PhoneReportForm } from './PhoneReportForm.tsx';
import { ResponseTimesPanel } from './ResponseTimesPanel.tsx';
import '../rapid.css';

const NEEDS_ACTION = new Set(['new', 'verifying']);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** The dispatcher console: a live queue (needs action first) and the open incident. */
export function DispatchConsole() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('dispatch');
  const qc = useQueryClient();
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const [cursor, setCursor] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [command, setCommand] = useState<PanelCommand | null>(null);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  const incidents = useQuery({
    queryKey: incidentsKey(slug, scope),
    queryFn: () => dispatchApi.incidents(slug, scope),
  });
  const list: IncidentT[] = incidents.data?.incidents ?? [];

  // After this dispatcher's own changes (the stream keeps up with everyone else's).
  const refresh = useCallback(
    (incidentId?: string) => {
      void qc.invalidateQueries({ queryKey: incidentsKey(slug) });
      void qc.invalidateQueries({ queryKey: ['response-times', slug] });
      if (incidentId) void qc.invalidateQueries({ queryKey: ['incident', slug, incidentId] });
    },
    [qc, slug],
  );

  const live = useIncidentStream(slug);

  // Keep the cursor inside the list as it changes under us.
  useEffect(() => {
    if (cursor > 0 && cursor >= list.length) setCursor(Math.max(0, list.length - 1));
  }, [list.length, cursor]);

  const focusItem = (i: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.queue-item');
    buttons?.[i]?.focus();
  };

  const open = (id: string, cmd: PanelCommand | null = null) => {
    setOpenId(id);
    setCommand(cmd ? { ...cmd } : null);
  };

  // Dispatchers live on the keyboard: single keys, ignored while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const current = list[cursor];
      switch (e.key) {
        case 'j':
        case 'k': {
          if (list.length === 0) return;
          e.preventDefault();
          const next = e.key === 'j' ? Math.min(list.length - 1, cursor + 1) : Math.max(0, cursor - 1);
          setCursor(next);
          focusItem(next);
          break;
        }
        case 'v':
        case 'f':
        case 'd': {
          const id = openId ?? current?.id;
          if (!id) return;
          e.preventDefault();
          open(id, { kind: e.key === 'v' ? 'verify' : e.key === 'f' ? 'falseAlarm' : 'dispatch', at: Date.now() });
          break;
        }
        case 'n':
          e.preventDefault();
          setPhoneOpen(true);
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="console-page">
      <div className="title-row">
        <PageTitle>{t('title')}</PageTitle>
        <LiveIndicator state={live} />
      </div>
      <p className="hint">{t('shortcuts')}</p>
      <details className="tool" open={phoneOpen} onToggle={(e) => setPhoneOpen(e.currentTarget.open)}>
        <summary>{t('phone.open')}</summary>
        {phoneOpen && <PhoneReportForm slug={slug} onSaved={() => refresh()} />}
      </details>
      <div className="console">
        <div>
          <div className="title-row">
            <h2>{t('queue.title')}</h2>
            <label className="check">
              <input type="checkbox" checked={scope === 'all'} onChange={(e) => setScope(e.target.checked ? 'all' : 'open')} />
              <span>{t('scope.all')}</span>
            </label>
          </div>
          {list.length > 0 && (
            <IncidentsMap
              incidents={list}
              selectedId={openId}
              onSelect={(id) => {
                setCursor(
                  Math.max(
                    0,
                    list.findIndex((i) => i.id === id),
                  ),
                );
                open(id);
              }}
            />
          )}
          <ErrorNote error={incidents.error} />
          {incidents.isPending ? (
            <Loading />
          ) : list.length === 0 ? (
            <p className="muted">{t('queue.empty')}</p>
          ) : (
            <ul className="queue" ref={listRef} aria-label={t('queue.title')}>
              {list.map((i, idx) => (
                <li key={i.id}>
                  <button
                    type="button"
                    className={`queue-item${NEEDS_ACTION.has(i.status) ? ' needs' : ''}`}
                    aria-current={i.id === openId ? 'true' : undefined}
                    data-incident={i.id}
                    tabIndex={idx === cursor ? 0 : -1}
                    onFocus={() => setCursor(idx)}
                    onClick={() => {
                      setCursor(idx);
                      open(i.id);
                    }}
                  >
                    <span className="line">
                      <IncidentBadge status={i.status} />
                      <strong>{t(`categories.${i.category}`)}</strong>
                    </span>
                    <span className="line">
                      <span>{i.locationText ?? t('queue.noLocation')}</span>
                      <Coordinates point={i.point} />
                    </span>
                    <span className="line muted">
                      <span>{t('queue.reports', { count: i.reportCount })}</span>
                      {i.trustedReports > 0 && <span>{t('queue.trusted', { count: i.trustedReports })}</span>}
                      <span>{t('queue.last', { when: formatDateTime(i.lastReportedAt) })}</span>
                    </span>
                    {i.lock && (
                      <span className="line">
                        <span aria-hidden="true">🔒 </span>
                        {t('queue.lockedBy', { name: i.lock.displayName })}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          {openId ? (
            <IncidentPanel
              key={openId}
              slug={slug}
              incidentId={openId}
              others={list.filter((i) => i.id !== openId)}
              command={command}
              onClose={() => {
                setOpenId(null);
                focusItem(cursor);
              }}
              onChanged={() => refresh(openId)}
            />
          ) : (
            <p className="muted panel">{t('detail.choose')}</p>
          )}
        </div>
      </div>
      <ResponseTimesPanel slug={slug} />
    </section>
  );
}
