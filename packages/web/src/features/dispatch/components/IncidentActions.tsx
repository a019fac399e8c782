// The incident panel's actions: status changes with verification, alert updates, and dispatching.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, QUALIFICATIONS, VERIFICATION_REASONS } from '@switchboard/shared/runtime';
import { ApiError } from '../../../kit/api.ts';
import { perform, QUEUED } from '../../../kit/pending-actions.ts';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import { dispatchApi, type IncidentDetailT, type IncidentT, type StatusBody } from '../api.ts';
import { incidentName } from '../incident-name.ts';
import { AlertReachNote } from './AlertReachNote.tsx';
import { AlertUpdateForm } from './AlertUpdateForm.tsx';
import { placeSearchId } from './PlaceIncident.tsx';
import type { PanelCommand, PanelSection as Sub } from './panel.ts';

export function StatusActions({
  slug,
  detail,
  command,
  onDone,
  reload,
}: Sub & { detail: IncidentDetailT; command: PanelCommand | null }) {
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
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    // Through the offline queue: the version is the one seen when the action was taken, so a
    // replay after someone else's change is refused, not applied over it.
    mutationFn: (body: Omit<StatusBody, 'version'>) => {
      const version = inc.version;
      return perform({
        describe: () => t('offline.status', { status: t(`statuses.${body.status}`), incident: incidentName(t, inc) }),
        subject: inc.id,
        run: (key) => dispatchApi.setStatus(slug, inc.id, { ...body, version }, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      });
    },
    onSuccess: async (updated) => {
      if (updated === QUEUED) {
        onDone(null);
        return;
      }
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
          <button
            type="button"
            className="secondary"
            disabled={change.isPending}
            onClick={() => change.mutate({ status: 'verifying' })}
          >
            {t('detail.startVerifying')}
          </button>
        )}
        {!closed && inc.status !== 'unconfirmed' && inc.status !== 'verified' && (
          <button
            type="button"
            className="secondary"
            disabled={change.isPending}
            onClick={() => change.mutate({ status: 'unconfirmed' })}
          >
            {t('detail.markUnconfirmed')}
          </button>
        )}
        {!closed &&
          inc.status !== 'verified' &&
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
          <button
            type="button"
            className="secondary"
            disabled={change.isPending}
            onClick={() => change.mutate({ status: 'resolved' })}
          >
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
      <AlertReachNote slug={slug} incident={inc} />
      {inc.status === 'verified' && <AlertUpdateForm slug={slug} incident={inc} onDone={onDone} reload={reload} />}
    </>
  );
}

export function DispatchForm({
  slug,
  incident,
  command,
  onDone,
  reload,
}: Sub & { incident: IncidentT; command: PanelCommand | null }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation('common');
  const [qualification, setQualification] = useState('');
  const [language, setLanguage] = useState('');
  const [count, setCount] = useState(3);
  const firstRef = useRef<HTMLDivElement>(null);
  const send = useMutation({
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    mutationFn: () => {
      const body = {
        qualification: (qualification || undefined) as (typeof QUALIFICATIONS)[number] | undefined,
        language: (language || undefined) as (typeof LANGUAGES)[number] | undefined,
        count,
      };
      return perform({
        describe: () => t('offline.dispatch', { incident: incidentName(t, incident) }),
        subject: incident.id,
        run: (key) => dispatchApi.dispatch(slug, incident.id, body, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      });
    },
    onSuccess: async (r) => {
      if (r === QUEUED) {
        onDone(null);
        return;
      }
      onDone(r.dispatches.length ? t('dispatchForm.sent', { count: r.dispatches.length }) : t('dispatchForm.noneFound'));
      await reload();
    },
    onError: (e) => {
      // The message says the place is missing; take the dispatcher to where they add one.
      if (e instanceof ApiError && e.code === 'location_missing') document.getElementById(placeSearchId(incident.id))?.focus();
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
          options={[
            { value: '', label: t('dispatchForm.anyQualification') },
            ...QUALIFICATIONS.map((q) => ({ value: q, label: t(`qualifications.${q}`) })),
          ]}
        />
      </div>
      <SelectField
        label={t('dispatchForm.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        options={[
          { value: '', label: t('dispatchForm.anyLanguage') },
          ...LANGUAGES.map((l) => ({ value: l, label: tc(`endonyms.${l}`) })),
        ]}
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
