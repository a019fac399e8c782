// The incident panel's records: responders, reports, merging, and the timeline.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_CATEGORIES } from '@switchboard/shared/runtime';
import { perform, QUEUED } from '../../../kit/pending-actions.ts';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { dispatchApi, type IncidentDetailT, type IncidentT, type ReportT } from '../api.ts';
import { Coordinates, DispatchBadge, IncidentBadge } from '../../../kit/badges.tsx';
import type { PanelSection as Sub } from './panel.ts';

export function Responders({ slug, detail, onDone, reload }: Sub & { detail: IncidentDetailT }) {
  const { t } = useTranslation('dispatch');
  const stand = useMutation({
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    mutationFn: (d: { id: string; name: string }) =>
      perform({
        describe: () => t('offline.standDown', { name: d.name }),
        subject: detail.incident.id,
        run: (key) => dispatchApi.standDown(slug, d.id, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      }),
    onSuccess: async (r, d) => {
      if (r === QUEUED) {
        onDone(null);
        return;
      }
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
                <button
                  type="button"
                  className="secondary"
                  disabled={stand.isPending}
                  onClick={() => stand.mutate({ id: d.id, name: d.displayName })}
                >
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

export function Reports({ slug, detail, onDone, reload }: Sub & { detail: IncidentDetailT }) {
  const { t } = useTranslation('dispatch');
  const [selected, setSelected] = useState<string[]>([]);
  const split = useMutation({
    // Offline it fails and says so, rather than wait unseen and run later.
    networkMode: 'always',
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
    // Run even offline: the queue keeps it and shows it (React Query would pause it unseen).
    networkMode: 'always',
    mutationFn: () => {
      const body = { category: category as (typeof REPORT_CATEGORIES)[number], locationText: locationText.trim() || undefined };
      return perform({
        describe: () => t('offline.structure', { incident: t(`categories.${body.category}`) }),
        subject: r.incidentId ?? undefined,
        run: (key) => dispatchApi.structure(slug, r.id, body, key),
        onConfirmed: () => void reload(),
        onRefused: () => void reload(),
      });
    },
    onSuccess: async (res) => {
      if (res === QUEUED) {
        onDone(null);
        return;
      }
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
        {t('reports.observed', { when: formatDateTime(r.observedAt) })} ·{' '}
        <span dir="ltr">{t('reports.code', { code: r.receiptCode })}</span>
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

export function Merge({ slug, incident, others, onDone, reload }: Sub & { incident: IncidentT; others: IncidentT[] }) {
  const { t } = useTranslation('dispatch');
  const [other, setOther] = useState('');
  const merge = useMutation({
    // Offline it fails and says so, rather than wait unseen and run later.
    networkMode: 'always',
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

export function Timeline({ detail }: { detail: IncidentDetailT }) {
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
