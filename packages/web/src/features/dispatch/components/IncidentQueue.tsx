import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Coordinates, IncidentBadge } from '../../../kit/badges.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { usePendingActions, waitingSubjects } from '../../../kit/pending-actions.ts';
import type { IncidentT } from '../api.ts';
import { NEEDS_ACTION } from '../arrivals.ts';
import type { PanelCommand } from './panel.ts';

type QueueProps = {
  list: IncidentT[];
  listRef: RefObject<HTMLUListElement | null>;
  /** The item that takes Tab (roving focus). */
  cursor: number;
  openId: string | null;
  /** Arrived since the console opened: highlighted for a while. */
  arrived: ReadonlySet<string>;
  onFocusItem: (index: number) => void;
  onOpen: (index: number) => void;
};

/** The dispatcher's queue: one button per incident, needs action first (as the server orders it). */
export function IncidentQueue({ list, listRef, cursor, openId, arrived, onFocusItem, onOpen }: QueueProps) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation('common');
  const waiting = waitingSubjects(usePendingActions());
  return (
    <ul className="queue" ref={listRef} aria-label={t('queue.title')}>
      {list.map((i, idx) => (
        <li key={i.id}>
          <button
            type="button"
            className={`queue-item${NEEDS_ACTION.has(i.status) ? ' needs' : ''}${arrived.has(i.id) ? ' arrived' : ''}`}
            aria-current={i.id === openId ? 'true' : undefined}
            data-incident={i.id}
            tabIndex={idx === cursor ? 0 : -1}
            onFocus={() => onFocusItem(idx)}
            onClick={() => onOpen(idx)}
          >
            <span className="line">
              <IncidentBadge status={i.status} />
              <strong>{t(`categories.${i.category}`)}</strong>
              {arrived.has(i.id) && <span className="badge new-arrival">{t('arrivals.badge')}</span>}
              {!i.point && <span className="badge unplaced">{t('queue.unplaced')}</span>}
            </span>
            {waiting.has(i.id) && <span className="line pending-count">{tc('pending.pending')}</span>}
            <span className="line">
              <span>{placeLine(i) ?? t('queue.noLocation')}</span>
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
  );
}

/** Where, in words: the place the gazetteer found (else what the reporter typed), and its neighbourhood. */
function placeLine(i: IncidentT): string | null {
  const where = i.placeName ?? i.locationText;
  const parts = [where, i.areaName].filter((x, n, all): x is string => Boolean(x) && all.indexOf(x) === n);
  return parts.length ? parts.join(', ') : null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

type KeysOptions = {
  list: IncidentT[];
  cursor: number;
  openId: string | null;
  /** j / k: move the cursor to this item. */
  onMove: (index: number) => void;
  /** v / f / d: open an incident at a form. */
  onCommand: (incidentId: string, command: PanelCommand) => void;
  /** n: a report taken on the phone. */
  onPhone: () => void;
};

/** Dispatchers live on the keyboard: single keys, ignored while typing or with a modifier. */
export function useConsoleKeys({ list, cursor, openId, onMove, onCommand, onPhone }: KeysOptions) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      switch (e.key) {
        case 'j':
        case 'k': {
          if (list.length === 0) return;
          e.preventDefault();
          onMove(e.key === 'j' ? Math.min(list.length - 1, cursor + 1) : Math.max(0, cursor - 1));
          break;
        }
        case 'v':
        case 'f':
        case 'd': {
          const id = openId ?? list[cursor]?.id;
          if (!id) return;
          e.preventDefault();
          onCommand(id, { kind: e.key === 'v' ? 'verify' : e.key === 'f' ? 'falseAlarm' : 'dispatch', at: Date.now() });
          break;
        }
        case 'n':
          e.preventDefault();
          onPhone();
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
