// A dispatcher's update to everyone who got an incident's alert: prepared messages only,
// so each subscriber reads it in their own language.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../kit/api.ts';
import { perform, QUEUED } from '../../../kit/pending-actions.ts';
import { ErrorNote } from '../../../kit/ui.tsx';
import { ALERT_UPDATE_PRESETS } from '@switchboard/shared/runtime';
import { dispatchApi, type AlertUpdatePreset, type IncidentT } from '../api.ts';
import { incidentName } from '../incident-name.ts';
import type { PanelSection as Sub } from './panel.ts';

/** Shown on a verified incident (the only kind that was alerted); the server refuses any other. */
export function AlertUpdateForm({ slug, incident, onDone, reload }: Sub & { incident: IncidentT }) {
  const { t } = useTranslation('dispatch');
  const [preset, setPreset] = useState<AlertUpdatePreset>('still_active');
  const send = useMutation({
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    mutationFn: () => {
      const chosen = preset;
      return perform({
        describe: () => t('offline.alertUpdate', { incident: incidentName(t, incident) }),
        subject: incident.id,
        run: (key) => dispatchApi.sendAlertUpdate(slug, incident.id, chosen, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      });
    },
    onSuccess: async (r) => {
      if (r === QUEUED) {
        onDone(null);
        return;
      }
      onDone(t('alertUpdate.sent', { count: r.recipients }));
      await reload();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone(null);
    send.mutate();
  };
  const reason =
    send.error instanceof ApiError && send.error.status === 409
      ? (send.error.details as { reason?: string } | undefined)?.reason
      : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('alertUpdate.title')}</h3>
      <p className="hint" id={`alert-update-hint-${incident.id}`}>
        {t('alertUpdate.hint')}
      </p>
      <fieldset className="checks" aria-describedby={`alert-update-hint-${incident.id}`}>
        <legend>{t('alertUpdate.preset')}</legend>
        {ALERT_UPDATE_PRESETS.map((p) => (
          <label key={p} className="check">
            <input
              type="radio"
              name={`alert-update-${incident.id}`}
              value={p}
              checked={preset === p}
              onChange={() => setPreset(p)}
            />
            <span>{t(`alertUpdate.presets.${p}`)}</span>
          </label>
        ))}
      </fieldset>
      {reason === 'recently_sent' ? (
        <p role="alert" className="status err">
          {t('alertUpdate.recentlySent')}
        </p>
      ) : reason === 'not_alerted' ? (
        <p role="alert" className="status err">
          {t('alertUpdate.notAlerted')}
        </p>
      ) : (
        <ErrorNote error={send.error} />
      )}
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('alertUpdate.submit')}
      </button>
    </form>
  );
}
