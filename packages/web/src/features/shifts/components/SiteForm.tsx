import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, SITE_KINDS } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { CheckboxGroup, ErrorNote, Field, SelectField } from '../../../kit/ui.tsx';
import { networkDirectory } from '../../../kit/network-directory.ts';
import type { SiteDetailT, SiteInputBody } from '../api.ts';
import type { ShiftsAccess } from '../access.ts';

/** Organizations whose sites the person manages (all active ones for a network admin). */
export function useManagedOrgs(access: ShiftsAccess) {
  const all = useQuery({
    queryKey: ['orgs', access.slug],
    queryFn: () => networkDirectory.organizations(access.slug),
    enabled: access.admin,
  });
  if (!access.admin) return access.managedOrgs;
  return (all.data?.organizations ?? []).filter((o) => o.status === 'active').map((o) => ({ id: o.id, name: o.name }));
}

/** Create or edit a site. Address and map point are public; notes are stored encrypted. */
export function SiteForm({
  access,
  site,
  pending,
  error,
  onSubmit,
}: {
  access: ShiftsAccess;
  site?: SiteDetailT;
  pending: boolean;
  error: unknown;
  onSubmit: (body: SiteInputBody) => void;
}) {
  const { t } = useTranslation('shifts');
  const { t: tc } = useTranslation('common');
  const orgs = useManagedOrgs(access);
  const notesId = useId();
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<string>(site?.kind ?? 'school');
  const [address, setAddress] = useState(site?.address ?? '');
  const [lat, setLat] = useState(site ? String(site.lat) : '');
  const [lng, setLng] = useState(site ? String(site.lng) : '');
  const [org, setOrg] = useState(site?.organizationId ?? '');
  const [sharing, setSharing] = useState<'owner' | 'network' | 'organizations'>(site?.sharing ?? 'network');
  const [sharedWith, setSharedWith] = useState<string[]>(site?.sharedWith ?? []);
  const [languages, setLanguages] = useState<string[]>(site?.languages ?? []);
  const [notes, setNotes] = useState(site?.notes ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const fieldErrors = { ...serverFieldErrors(error), ...local };
  const orgId = org || orgs[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('site.required');
    if (!address.trim()) errs.address = t('site.required');
    const la = Number(lat);
    const ln = Number(lng);
    if (lat.trim() === '' || !Number.isFinite(la) || la < -90 || la > 90) errs.lat = t('site.latInvalid');
    if (lng.trim() === '' || !Number.isFinite(ln) || ln < -180 || ln > 180) errs.lng = t('site.lngInvalid');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    onSubmit({
      organizationId: orgId,
      name: name.trim(),
      kind: kind as SiteInputBody['kind'],
      address: address.trim(),
      lat: la,
      lng: ln,
      sharing,
      sharedWith: sharing === 'organizations' ? sharedWith : [],
      languages: languages as SiteInputBody['languages'],
      notes,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t('site.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors.name}
        required
        autoComplete="off"
      />
      <SelectField
        label={t('site.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        options={SITE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
      />
      <Field
        label={t('site.address')}
        hint={t('site.addressHint')}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        error={fieldErrors.address}
        required
        autoComplete="off"
      />
      <Field
        label={t('site.lat')}
        hint={t('site.pointHint')}
        inputMode="decimal"
        dir="ltr"
        value={lat}
        onChange={(e) => setLat(e.target.value)}
        error={fieldErrors.lat}
        required
      />
      <Field
        label={t('site.lng')}
        inputMode="decimal"
        dir="ltr"
        value={lng}
        onChange={(e) => setLng(e.target.value)}
        error={fieldErrors.lng}
        required
      />
      <SelectField
        label={t('site.organization')}
        value={orgId}
        onChange={(e) => setOrg(e.target.value)}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />
      <SelectField
        label={t('site.sharing')}
        value={sharing}
        onChange={(e) => setSharing(e.target.value as typeof sharing)}
        options={(['network', 'organizations', 'owner'] as const).map((s) => ({ value: s, label: t(`sharing.${s}`) }))}
      />
      {sharing === 'organizations' && (
        <SharedWithPicker slug={access.slug} value={sharedWith} onChange={setSharedWith} exclude={orgId} />
      )}
      <CheckboxGroup
        legend={t('site.languages')}
        options={LANGUAGES.map((l) => ({ value: l, label: tc(`languages.${l}`) }))}
        value={languages}
        onChange={setLanguages}
      />
      <div className="field">
        <label htmlFor={notesId}>{t('site.notes')}</label>
        <p className="hint" id={`${notesId}-hint`}>
          {t('site.notesHint')}
        </p>
        <textarea
          id={notesId}
          aria-describedby={`${notesId}-hint`}
          rows={4}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          maxLength={2000}
        />
      </div>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={pending || !orgId}>
        {site ? t('site.save') : t('site.create')}
      </button>
    </form>
  );
}

function SharedWithPicker({
  slug,
  value,
  onChange,
  exclude,
}: {
  slug: string;
  value: string[];
  onChange: (v: string[]) => void;
  exclude: string;
}) {
  const { t } = useTranslation('shifts');
  const orgs = useQuery({ queryKey: ['orgs', slug], queryFn: () => networkDirectory.organizations(slug) });
  const options = (orgs.data?.organizations ?? [])
    .filter((o) => o.status === 'active' && o.id !== exclude)
    .map((o) => ({ value: o.id, label: o.name }));
  return <CheckboxGroup legend={t('site.sharedWith')} options={options} value={value} onChange={onChange} />;
}
