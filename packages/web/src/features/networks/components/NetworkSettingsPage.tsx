import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LANGUAGES, type Language } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { CheckboxGroup, ErrorNote, Field, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { networksApi, type NetworkT } from '../api.ts';
import { useNetwork } from '../hooks.ts';

export function NetworkSettingsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('networks');
  const network = useNetwork(slug);
  return (
    <section className="narrow">
      <PageTitle>{t('settings.title')}</PageTitle>
      {network.data && <p className="muted">{network.data.name}</p>}
      <ErrorNote error={network.error} />
      {network.isPending ? <Loading /> : network.data && <SettingsForm key={network.data.id} network={network.data} />}
    </section>
  );
}

type Retention = NetworkT['settings']['retention'];
type Tuning = Omit<NetworkT['settings']['rapidResponse'], 'publicAlertMap' | 'hotlineNumber'>;
const LIMITS: Record<keyof Retention, [number, number]> = {
  rawReportsHours: [1, 24 * 365],
  incidentLocationDays: [1, 365],
  closedCasesDays: [1, 3650],
  auditDays: [30, 3650],
  careAddressDays: [1, 365],
};
// The shared schema's bounds (RapidResponseSettings), checked here first so errors name the field at once.
const TUNING_LIMITS: Record<keyof Tuning, [number, number]> = {
  clusterRadiusMeters: [50, 5000],
  clusterWindowMinutes: [5, 24 * 60],
  dispatchTimeoutSeconds: [30, 3600],
};
/** E.164, as the server checks it: a plus sign and 7 to 15 digits. */
const E164 = /^\+[0-9]{7,15}$/;

// Why two periods may not act as an admin expects: no case records exist yet, and one audit log serves every network.
const RETENTION_HINTS: Partial<Record<keyof Retention, string>> = {
  closedCasesDays: 'settings.retentionHints.closedCasesDays',
  auditDays: 'settings.retentionHints.auditDays',
};

function SettingsForm({ network }: { network: NetworkT }) {
  const { t } = useTranslation(['networks', 'common']);
  const qc = useQueryClient();
  const s = network.settings;
  const [languages, setLanguages] = useState<string[]>(s.languages);
  const [vouches, setVouches] = useState(String(s.vouchesRequired));
  const [passkey, setPasskey] = useState(s.requirePasskeyForCoordinators);
  const [retention, setRetention] = useState<Record<keyof Retention, string>>({
    rawReportsHours: String(s.retention.rawReportsHours),
    incidentLocationDays: String(s.retention.incidentLocationDays),
    closedCasesDays: String(s.retention.closedCasesDays),
    auditDays: String(s.retention.auditDays),
    careAddressDays: String(s.retention.careAddressDays),
  });
  const [tuning, setTuning] = useState<Record<keyof Tuning, string>>({
    clusterRadiusMeters: String(s.rapidResponse.clusterRadiusMeters),
    clusterWindowMinutes: String(s.rapidResponse.clusterWindowMinutes),
    dispatchTimeoutSeconds: String(s.rapidResponse.dispatchTimeoutSeconds),
  });
  const [publicAlertMap, setPublicAlertMap] = useState(s.rapidResponse.publicAlertMap);
  const [hotline, setHotline] = useState(s.rapidResponse.hotlineNumber ?? '');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      networksApi.updateSettings(network.slug, {
        // Keep the order of LANGUAGES but the network's current default first.
        languages: LANGUAGES.filter((l) => languages.includes(l)).sort((a, b) =>
          a === s.languages[0] ? -1 : b === s.languages[0] ? 1 : 0,
        ) as Language[],
        vouchesRequired: Number(vouches),
        requirePasskeyForCoordinators: passkey,
        retention: {
          rawReportsHours: Number(retention.rawReportsHours),
          incidentLocationDays: Number(retention.incidentLocationDays),
          closedCasesDays: Number(retention.closedCasesDays),
          auditDays: Number(retention.auditDays),
          careAddressDays: Number(retention.careAddressDays),
        },
        rapidResponse: {
          clusterRadiusMeters: Number(tuning.clusterRadiusMeters),
          clusterWindowMinutes: Number(tuning.clusterWindowMinutes),
          dispatchTimeoutSeconds: Number(tuning.dispatchTimeoutSeconds),
          publicAlertMap,
          // Spaces and dashes people type are dropped; an empty field means no hotline.
          hotlineNumber: normalHotline(hotline) || null,
        },
      }),
    onSuccess: (n) => {
      qc.setQueryData(['network', network.slug], n);
      setSaved(t('settings.saved'));
    },
  });

  const inRange = (v: string, [min, max]: [number, number]) => {
    const n = Number(v);
    return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const next: Record<string, string> = {};
    if (languages.length === 0) next.languages = t('settings.languagesRequired');
    if (!inRange(vouches, [0, 5])) next.vouches = t('settings.between', { min: 0, max: 5 });
    (Object.keys(LIMITS) as (keyof Retention)[]).forEach((k) => {
      if (!inRange(retention[k], LIMITS[k])) next[k] = t('settings.between', { min: LIMITS[k][0], max: LIMITS[k][1] });
    });
    (Object.keys(TUNING_LIMITS) as (keyof Tuning)[]).forEach((k) => {
      if (!inRange(tuning[k], TUNING_LIMITS[k]))
        next[k] = t('settings.between', { min: TUNING_LIMITS[k][0], max: TUNING_LIMITS[k][1] });
    });
    const number = normalHotline(hotline);
    if (number && !E164.test(number)) next.hotlineNumber = t('settings.hotlineInvalid');
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  };

  const se = serverFieldErrors(save.error);

  return (
    <form onSubmit={submit} noValidate>
      <CheckboxGroup
        legend={t('settings.languages')}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
        value={languages}
        onChange={setLanguages}
        describedBy={errors.languages ? 'set-lang-err' : undefined}
      />
      {errors.languages && (
        <p className="field-error" id="set-lang-err">
          {errors.languages}
        </p>
      )}
      <Field
        label={t('settings.vouchesRequired')}
        hint={t('settings.vouchesHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={5}
        value={vouches}
        error={errors.vouches ?? se.vouchesRequired}
        onChange={(e) => setVouches(e.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={passkey} onChange={(e) => setPasskey(e.target.checked)} />
        <span>{t('settings.requirePasskey')}</span>
      </label>
      <fieldset>
        <legend>{t('settings.retention')}</legend>
        {(Object.keys(LIMITS) as (keyof Retention)[]).map((k) => (
          <Field
            key={k}
            label={t(`settings.retentionFields.${k}`)}
            hint={RETENTION_HINTS[k] && t(RETENTION_HINTS[k])}
            type="number"
            inputMode="numeric"
            min={LIMITS[k][0]}
            max={LIMITS[k][1]}
            value={retention[k]}
            error={errors[k] ?? se[`retention.${k}`]}
            onChange={(e) => setRetention({ ...retention, [k]: e.target.value })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.rapidResponse')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={publicAlertMap}
            aria-describedby="set-public-alerts-hint"
            onChange={(e) => setPublicAlertMap(e.target.checked)}
          />
          <span>{t('settings.publicAlertMap')}</span>
        </label>
        <p className="hint" id="set-public-alerts-hint">
          {t('settings.publicAlertMapHint', { path: `/n/${network.slug}/alerts` })}
        </p>
        <Field
          label={t('settings.hotlineNumber')}
          hint={t('settings.hotlineHint')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          dir="ltr"
          value={hotline}
          error={errors.hotlineNumber ?? se['rapidResponse.hotlineNumber']}
          onChange={(e) => setHotline(e.target.value)}
        />
        {(Object.keys(TUNING_LIMITS) as (keyof Tuning)[]).map((k) => (
          <Field
            key={k}
            label={t(`settings.tuningFields.${k}`)}
            hint={t(`settings.tuningHints.${k}`)}
            type="number"
            inputMode="numeric"
            min={TUNING_LIMITS[k][0]}
            max={TUNING_LIMITS[k][1]}
            value={tuning[k]}
            error={errors[k] ?? se[`rapidResponse.${k}`]}
            onChange={(e) => setTuning({ ...tuning, [k]: e.target.value })}
          />
        ))}
      </fieldset>
      <ErrorNote error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('settings.save')}
      </button>
      <Status message={saved} />
    </form>
  );
}

/** A typed phone number without the spaces, dashes, dots and brackets people write it with. */
function normalHotline(typed: string): string {
  return typed.replace(/[\s\-().]/g, '');
}
