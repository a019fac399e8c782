import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ORGANIZATION_KINDS, ORGANIZATION_TYPES } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { ErrorNote, Field, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { ME_KEY } from '../../../kit/session.ts';
import { networksApi, type CreateOrganizationBody, type OrganizationT } from '../api.ts';
import { useDemoOutbox } from '../demo-outbox.ts';
import { useMyNetwork, useNetwork, useOrganizations } from '../hooks.ts';

/** A network's organizations: pending requests first (admins), then the list, then the create form. */
export function NetworkPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const mine = useMyNetwork(slug);
  const isAdmin = !!mine?.isAdmin;
  const network = useNetwork(slug);
  const orgs = useOrganizations(slug);
  const [done, setDone] = useState<string | null>(null);

  const decide = useMutation({
    mutationFn: ({ org, admit }: { org: OrganizationT; admit: boolean }) =>
      admit ? networksApi.admit(slug, org.id) : networksApi.reject(slug, org.id),
    onSuccess: async (org, { admit }) => {
      setDone(admit ? t('orgs.admitted', { name: org.name }) : t('orgs.rejected', { name: org.name }));
      await qc.invalidateQueries({ queryKey: ['organizations', slug] });
    },
  });

  const all = orgs.data?.organizations ?? [];
  const pending = all.filter((o) => o.status === 'pending');
  const active = all.filter((o) => o.status === 'active');

  return (
    <section>
      <PageTitle>{network.data?.name ?? mine?.name ?? t('orgs.title')}</PageTitle>
      {isAdmin && (
        <ul className="links">
          <li>
            <Link to={`/n/${slug}/settings`}>{t('settings.title')}</Link>
          </li>
          <li>
            <Link to={`/n/${slug}/vouch`}>{t('vouch.title')}</Link>
          </li>
          <DemoOutboxLink slug={slug} />
        </ul>
      )}
      <Status message={done} />
      <ErrorNote error={decide.error ?? orgs.error} />
      {orgs.isPending && <Loading />}

      {isAdmin && pending.length > 0 && (
        <>
          <h2>{t('orgs.pendingTitle')}</h2>
          <ul className="cards">
            {pending.map((o) => (
              <li key={o.id} className="card action">
                <p>
                  <strong>{o.name}</strong>
                </p>
                <p className="muted">
                  {t(`orgTypes.${o.type}`)} · {t(`orgKinds.${o.kind}`)}
                </p>
                <div className="row">
                  <button
                    type="button"
                    className="primary"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ org: o, admit: true })}
                  >
                    {t('orgs.admit')}
                    <span className="visually-hidden"> {o.name}</span>
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ org: o, admit: false })}
                  >
                    {t('orgs.reject')}
                    <span className="visually-hidden"> {o.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('orgs.title')}</h2>
      {!orgs.isPending && active.length === 0 && <p className="muted">{t('orgs.none')}</p>}
      <ul className="cards">
        {active.map((o) => {
          const canManage =
            isAdmin ||
            !!mine?.memberships.some(
              (m) => m.organizationId === o.id && m.status === 'active' && m.roles.includes('org_coordinator'),
            );
          return (
            <li key={o.id} className="card">
              {canManage ? (
                <Link to={`/n/${slug}/orgs/${o.id}`}>
                  <strong>{o.name}</strong>
                </Link>
              ) : (
                <strong>{o.name}</strong>
              )}
              <p className="muted">
                {t(`orgTypes.${o.type}`)} · {t(`orgKinds.${o.kind}`)} · {t('orgs.memberCount', { count: o.memberCount })}
              </p>
            </li>
          );
        })}
      </ul>

      <CreateOrganizationForm slug={slug} isAdmin={isAdmin} onDone={setDone} />
    </section>
  );
}

function CreateOrganizationForm({
  slug,
  isAdmin,
  onDone,
}: {
  slug: string;
  isAdmin: boolean;
  onDone: (msg: string | null) => void;
}) {
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CreateOrganizationBody['kind']>('formal');
  const [type, setType] = useState<CreateOrganizationBody['type']>('nonprofit');
  const [nameError, setNameError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: () =>
      isAdmin
        ? networksApi.createOrganization(slug, { name: name.trim(), kind, type })
        : networksApi.requestOrganization(slug, { name: name.trim(), kind, type }),
    onSuccess: async (org) => {
      onDone(isAdmin ? t('orgs.created', { name: org.name }) : t('orgs.requested', { name: org.name }));
      setName('');
      await qc.invalidateQueries({ queryKey: ['organizations', slug] });
      // A requester becomes the new organization's coordinator: refresh their memberships.
      if (!isAdmin) await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone(null);
    if (name.trim().length < 2) {
      setNameError(t('orgs.nameTooShort'));
      return;
    }
    setNameError(undefined);
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>{isAdmin ? t('orgs.createTitle') : t('orgs.requestTitle')}</h2>
      {!isAdmin && <p className="hint">{t('orgs.requestExplain')}</p>}
      <Field
        label={t('orgs.name')}
        name="orgName"
        required
        value={name}
        error={nameError ?? serverFieldErrors(create.error).name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label={t('orgs.kind')}
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
        options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
      />
      <SelectField
        label={t('orgs.type')}
        name="type"
        value={type}
        onChange={(e) => setType(e.target.value as typeof type)}
        options={ORGANIZATION_TYPES.map((k) => ({ value: k, label: t(`orgTypes.${k}`) }))}
      />
      <ErrorNote error={create.error} />
      <button type="submit" className="primary" disabled={create.isPending}>
        {isAdmin ? t('orgs.create') : t('orgs.request')}
      </button>
    </form>
  );
}

/** A link to the demo's outbox, shown only on a demo server (elsewhere the route is 404 and nothing shows). */
function DemoOutboxLink({ slug }: { slug: string }) {
  const { t } = useTranslation('networks');
  const outbox = useDemoOutbox(slug);
  if (!outbox.data) return null;
  return (
    <li>
      <Link to={`/n/${slug}/demo-outbox`}>{t('demoOutbox.title')}</Link>
    </li>
  );
}
