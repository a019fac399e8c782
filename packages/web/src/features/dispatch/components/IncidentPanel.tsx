import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, QUALIFICATIONS, REPORT_CATEGORIES, VERIFICATION_REASONS } from '@switchboard/shared';
import { ApiError } from '../../../app/api.ts';
import { useMe } from '../../identity/hooks.ts';
import { ErrorNote, Loading, SelectField, Status, formatDateTime } from '../../../app/ui.tsx';
import { dispatchApi, type IncidentDetailT, type IncidentT, type ReportT, type StatusBody } from '../api.ts';
import { Coordinates, DispatchBadge, IncidentBadge } from './bits.tsx';

/** A keyboard command from the console: jump to a form in the open incident. */
export type PanelCommand = { kind: 'verify' | 'falseAlarm' | 'dispatch'; at: number };

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
        <dt>{t('detail.where')}</dt>
        <dd>{inc.locationText ?? t('queue.noLocation')}</dd>
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
      <StatusActions slug={slug} detail={d} command={command} onDone={setDone} reload={reload} />
      <DispatchForm slug={slug} incident={inc} command={command} onDone={setDone} reload={reload} />
      <Responders slug={slug} detail={d} onDone={setDone} reload={reload} />
      <Reports slug={slug} detail={d} onDone={setDone} reload={reload} />
      {others.length > 0 && <Merge slug={slug} incident={inc} others={others} onDone={setDone} reload={reload} />}
      <Timeline detail={d} />
    </article>
  );
}

type Sub = { slug: string; onDone: (m: string | null) => void; reload: () => Promise<void> };

function StatusActions({ slug, detail, command, onDone, reload }: Sub & { detail: IncidentDetailT; command: PanelCommand | null }) {
  const { t } = useTranslation('dispatch');
  const inc = detail.incident;
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [askFalse, setAskFalse] = useState(false);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const reasonId = useId();
  const noteId = useId();
  const change = useMutation({
    mutationFn: (body: Omit<StatusBody, 'version'>) => dispatchApi.setStatus(slug, inc.id, { ...body, version: inc.version }),
    onSuccess: async (updated) => {
      onDone(t('detail.statusChanged', { status: t(`statuses.${updated.status}`) }));
      setNote('');
      await reload();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await reload();
    },
  });

  useEffect(() => {
    if (!command) return;
    if (command.kind === 'verify') reasonRef.current?.focus();
    if (command.kind === 'falseAlarm') setAskFalse(true);
  }, [command]);

  const verify = (e: FormEvent) => {
    e.preventDefault();
    onDone(null);
    if (!reason) {
      setReasonError(t('verify.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    change.mutate({ status: 'verified', reason: reason as StatusBody['reason'], note: note || undefined });
  };
  const closed = inc.status === 'false_alarm' || inc.status === 'resolved';

  return (
    <>
      <h3>{t('detail.actions')}</h3>
      <ErrorNote error={change.error} />
      {change.error instanceof ApiError && change.error.status === 409 && <p className="field-error">{t('detail.conflict')}</p>}
      <div className="row">
        {inc.status === 'new' && (
          <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate({ status: 'verifying' })}>
            {t('detail.startVerifying')}
          </button>
        )}
        {!closed && inc.status !== 'unconfirmed' && inc.status !== 'verified' && (
          <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate({ status: 'unconfirmed' })}>
            {t('detail.markUnconfirmed')}
          </button>
        )}
        {!closed && inc.status !== 'verified' &&
          (askFalse ? (
            <span className="confirm" role="group" aria-label={t('detail.falseAlarmQuestion')}>
              <span>{t('detail.falseAlarmQuestion')}</span>
              <button
                type="button"
                className="danger"
                autoFocus
                onClick={() => {
                  setAskFalse(false);
                  onDone(null);
                  change.mutate({ status: 'false_alarm' });
                }}
              >
                {t('detail.falseAlarmConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setAskFalse(false)}>
                {t('common:cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="secondary" disabled={change.isPending} onClick={() => setAskFalse(true)}>
              {t('detail.markFalseAlarm')}
            </button>
          ))}
        {!closed && (
          <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate({ status: 'resolved' })}>
            {t('detail.resolve')}
          </button>
        )}
      </div>
      {!closed && inc.status !== 'verified' && (
        <form onSubmit={verify} noValidate>
          <h3>{t('verify.title')}</h3>
          <p className="hint">{t('verify.hint')}</p>
          <div className="field">
            <label htmlFor={reasonId}>{t('verify.reason')}</label>
            <select
              id={reasonId}
              ref={reasonRef}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-err` : undefined}
            >
              <option value="">{t('verify.chooseReason')}</option>
              {VERIFICATION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reasons.${r}`)}
                </option>
              ))}
            </select>
            {reasonError && (
              <p className="field-error" id={`${reasonId}-err`}>
                {reasonError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={noteId}>{t('verify.note')}</label>
            <textarea id={noteId} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('verify.submit')}
          </button>
        </form>
      )}
    </>
  );
}

function DispatchForm({ slug, incident, command, onDone, reload }: Sub & { incident: IncidentT; command: PanelCommand | null }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation('common');
  const [qualification, setQualification] = useState('');
  const [language, setLanguage] = useState('');
  const [count, setCount] = useState(3);
  const firstRef = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: () =>
      dispatchApi.dispatch(slug, incident.id, {
        qualification: (qualification || undefined) as (typeof QUALIFICATIONS)[number] | undefined,
        language: (language || undefined) as (typeof LANGUAGES)[number] | undefined,
        count,
      }),
    onSuccess: async (r) => {
      onDone(r.dispatches.length ? t('dispatchForm.sent', { count: r.dispatches.length }) : t('dispatchForm.noneFound'));
      await reload();
    },
  });
  useEffect(() => {
    if (command?.kind === 'dispatch') firstRef.current?.querySelector('select')?.focus();
  }, [command]);
  if (incident.status === 'false_alarm' || incident.status === 'resolved') return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onDone(null);
        send.mutate();
      }}
      noValidate
    >
      <h3>{t('dispatchForm.title')}</h3>
      <div ref={firstRef}>
        <SelectField
          label={t('dispatchForm.qualification')}
          value={qualification}
          onChange={(e) => setQualification(e.target.value)}
          options={[{ value: '', label: t('dispatchForm.anyQualification') }, ...QUALIFICATIONS.map((q) => ({ value: q, label: t(`qualifications.${q}`) }))]}
        />
      </div>
      <SelectField
        label={t('dispatchForm.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        options={[{ value: '', label: t('dispatchForm.anyLanguage') }, ...LANGUAGES.map((l) => ({ value: l, label: tc(`endonyms.${l}`) }))]}
      />
      <div className="field">
        <label htmlFor={`count-${incident.id}`}>{t('dispatchForm.count')}</label>
        <input
          id={`count-${incident.id}`}
          type="number"
          min={1}
          max={20}
          value={count}
          onChange={(e) => setCount(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
        />
      </div>
      <ErrorNote error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('dispatchForm.submit')}
      </button>
    </form>
  );
}

function Responders({ slug, detail, onDone, reload }: Sub & { detail: IncidentDetailT }) {
  const { t } = useTranslation('dispatch');
  const stand = useMutation({
    mutationFn: (d: { id: string; name: string }) => dispatchApi.standDown(slug, d.id),
    onSuccess: async (_r, d) => {
      onDone(t('dispatches.stoodDown', { name: d.name }));
      await reload();
    },
  });
  return (
    <>
      <h3>{t('dispatches.title')}</h3>
      <ErrorNote error={stand.error} />
      {detail.dispatches.length === 0 ? (
        <p className="muted">{t('dispatches.none')}</p>
      ) : (
        <ul className="cards">
          {detail.dispatches.map((d) => (
            <li key={d.id} className="card" data-dispatch={d.id}>
              <p>
                <strong>{d.displayName}</strong> <DispatchBadge status={d.status} />
              </p>
              {d.qualification && <p className="muted">{t(`qualifications.${d.qualification}`)}</p>}
              {!['declined', 'timed_out', 'stood_down'].includes(d.status) && (
                <button type="button" className="secondary" disabled={stand.isPending} onClick={() => stand.mutate({ id: d.id, name: d.displayName })}>
                  {t('dispatches.standDown')}
                  <span className="visually-hidden"> {d.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Reports({ slug, detail, onDone, reload }: Sub & { detail: IncidentDetailT }) {
  const { t } = useTranslation('dispatch');
  const [selected, setSelected] = useState<string[]>([]);
  const split = useMutation({
    mutationFn: () => dispatchApi.split(slug, detail.incident.id, selected),
    onSuccess: async () => {
      setSelected([]);
      onDone(t('reports.splitDone'));
      await reload();
    },
  });
  const canSplit = detail.reports.length > 1;
  return (
    <>
      <h3>{t('reports.title')}</h3>
      <ul className="cards">
        {detail.reports.map((r) => (
          <ReportCard
            key={r.id}
            slug={slug}
            report={r}
            onDone={onDone}
            reload={reload}
            selectable={canSplit}
            selected={selected.includes(r.id)}
            onSelect={(on) => setSelected((s) => (on ? [...s, r.id] : s.filter((x) => x !== r.id)))}
          />
        ))}
      </ul>
      {canSplit && (
        <>
          <ErrorNote error={split.error} />
          <div className="row">
            <button
              type="button"
              className="secondary"
              disabled={selected.length === 0 || selected.length === detail.reports.length || split.isPending}
              onClick={() => split.mutate()}
            >
              {t('reports.split')}
            </button>
          </div>
        </>
      )}
    </>
  );
}

function ReportCard({
  slug,
  report: r,
  onDone,
  reload,
  selectable,
  selected,
  onSelect,
}: Sub & { report: ReportT; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  const { t } = useTranslation('dispatch');
  const [contact, setContact] = useState<string | null | undefined>(undefined);
  const [category, setCategory] = useState<string>(r.category);
  const [locationText, setLocationText] = useState(r.locationText ?? '');
  const locId = useId();
  const show = useMutation({
    mutationFn: () => dispatchApi.contact(slug, r.id),
    onSuccess: (c) => setContact(c.contact),
  });
  const structure = useMutation({
    mutationFn: () =>
      dispatchApi.structure(slug, r.id, {
        category: category as (typeof REPORT_CATEGORIES)[number],
        locationText: locationText.trim() || undefined,
      }),
    onSuccess: async () => {
      onDone(t('reports.structured'));
      await reload();
    },
  });
  return (
    <li className={r.needsStructuring ? 'card action' : 'card'}>
      <p>
        <strong>{t(`categories.${r.category}`)}</strong> <span className="badge">{t(`sources.${r.source}`)}</span>
        {r.trusted && (
          <span className="badge active">
            <span aria-hidden="true">✓ </span>
            {t('reports.trusted')}
          </span>
        )}
        {r.needsStructuring && <span className="badge pending">{t('reports.needsStructuring')}</span>}
      </p>
      <p className="muted">
        {t('reports.observed', { when: formatDateTime(r.observedAt) })} · <span dir="ltr">{t('reports.code', { code: r.receiptCode })}</span>
      </p>
      {r.locationText && <p>{r.locationText}</p>}
      {r.point && (
        <p>
          <Coordinates point={r.point} />
        </p>
      )}
      {r.description && (
        <p className="break" lang={r.language}>
          {r.description}
        </p>
      )}
      {r.hasContact &&
        (contact === undefined ? (
          <>
            <button type="button" className="secondary" onClick={() => show.mutate()} disabled={show.isPending}>
              {t('reports.showContact')}
            </button>
            <p className="hint">{t('reports.contactHint')}</p>
            <ErrorNote error={show.error} />
          </>
        ) : (
          <p>
            {t('reports.contact')}: {contact ? <span dir="ltr">{contact}</span> : t('reports.noContact')}
          </p>
        ))}
      {r.needsStructuring && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onDone(null);
            structure.mutate();
          }}
        >
          <h4>{t('reports.structure')}</h4>
          <SelectField
            label={t('phone.category')}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            options={REPORT_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          />
          <div className="field">
            <label htmlFor={locId}>{t('phone.location')}</label>
            <input id={locId} value={locationText} maxLength={300} onChange={(e) => setLocationText(e.target.value)} />
          </div>
          <ErrorNote error={structure.error} />
          <button type="submit" className="primary" disabled={structure.isPending}>
            {t('reports.structureSubmit')}
          </button>
        </form>
      )}
      {selectable && (
        <label className="check">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} />
          <span>{t('reports.select')}</span>
        </label>
      )}
    </li>
  );
}

function Merge({ slug, incident, others, onDone, reload }: Sub & { incident: IncidentT; others: IncidentT[] }) {
  const { t } = useTranslation('dispatch');
  const [other, setOther] = useState('');
  const merge = useMutation({
    mutationFn: () => dispatchApi.merge(slug, incident.id, [other]),
    onSuccess: async () => {
      setOther('');
      onDone(t('merge.done'));
      await reload();
    },
  });
  return (
    <details className="tool">
      <summary>{t('merge.title')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (other) merge.mutate();
        }}
      >
        <SelectField
          label={t('merge.label')}
          value={other}
          onChange={(e) => setOther(e.target.value)}
          options={[
            { value: '', label: t('merge.choose') },
            ...others.map((o) => ({
              value: o.id,
              label: `${t(`categories.${o.category}`)} · ${o.locationText ?? t('queue.noLocation')} · ${formatDateTime(o.firstReportedAt)}`,
            })),
          ]}
        />
        <ErrorNote error={merge.error} />
        <button type="submit" className="secondary" disabled={!other || merge.isPending}>
          {t('merge.submit')}
        </button>
      </form>
    </details>
  );
}

function Timeline({ detail }: { detail: IncidentDetailT }) {
  const { t } = useTranslation('dispatch');
  return (
    <>
      <h3>{t('timeline.title')}</h3>
      <ol className="timeline">
        {detail.timeline.map((e) => {
          const to = e.kind === 'status_changed' ? (e.detail.to as string | undefined) : undefined;
          return (
            <li key={e.id}>
              <span className="muted">{formatDateTime(e.createdAt)}</span>{' '}
              <span>{t(`timeline.${e.kind}`, { defaultValue: t('timeline.other') })}</span>
              {to && (
                <>
                  {' '}
                  <IncidentBadge status={to} />
                </>
              )}
              {e.actorName && <span className="muted"> {t('timeline.by', { name: e.actorName })}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
