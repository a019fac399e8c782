import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ORG_ROLES } from '@switchboard/shared/runtime';
import { CheckboxGroup, ConfirmButton, ErrorNote, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { formatDateTime, formatList } from '../../../kit/format.ts';
import { networksApi, type CreatedInvitationT, type MemberQualificationsT, type MemberT } from '../api.ts';
import { useMyNetwork, useOrganizations } from '../hooks.ts';
import { MemberQualifications, memberQualificationsKey } from './MemberQualifications.tsx';

const EXPIRY_HOURS = [24, 72, 168, 336];

/** An organization, as its coordinators see it: members, a new invitation, open invitations. */
export function OrganizationPage() {
  const { slug = '', orgId = '' } = useParams();
  const { t } = useTranslation('networks');
  const mine = useMyNetwork(slug);
  const orgs = useOrganizations(slug);
  const org = orgs.data?.organizations.find((o) => o.id === orgId);
  const name = org?.name ?? mine?.memberships.find((m) => m.organizationId === orgId)?.organizationName ?? t('org.title');
  const [done, setDone] = useState<string | null>(null);

  return (
    <section>
      <PageTitle>{name}</PageTitle>
      <Status message={done} />
      <InvitationCreator slug={slug} orgId={orgId} onDone={setDone} />
      <Members slug={slug} orgId={orgId} onDone={setDone} />
      <Invitations slug={slug} orgId={orgId} onDone={setDone} />
    </section>
  );
}

type Props = { slug: string; orgId: string; onDone: (m: string | null) => void };

function Members({ slug, orgId, onDone }: Props) {
  const { t } = useTranslation('networks');
  const members = useQuery({
    queryKey: ['members', slug, orgId],
    queryFn: () => networksApi.members(slug, orgId),
  });
  // Who may list members may set their qualifications: one read for the whole list.
  const qualifications = useQuery({
    queryKey: memberQualificationsKey(slug, orgId),
    queryFn: () => networksApi.memberQualifications(slug, orgId),
  });
  const qualificationsOf = new Map((qualifications.data?.members ?? []).map((q) => [q.accountId, q]));
  const list = (members.data?.members ?? []).filter((m) => m.status !== 'removed');
  // Needs action first: pending members on top.
  list.sort((a, b) => (a.status === b.status ? 0 : a.status === 'pending' ? -1 : 1));
  return (
    <>
      <h2>{t('org.members')}</h2>
      <ErrorNote error={members.error ?? qualifications.error} />
      {members.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('org.noMembers')}</p>
      ) : (
        <ul className="cards">
          {list.map((m) => (
            <MemberCard
              key={m.membershipId}
              slug={slug}
              orgId={orgId}
              member={m}
              qualifications={qualificationsOf.get(m.accountId)}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function MemberCard({
  slug,
  orgId,
  member,
  qualifications,
  onDone,
}: Props & { member: MemberT; qualifications?: MemberQualificationsT }) {
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const [roles, setRoles] = useState<string[]>(member.roles);
  const refresh = () => qc.invalidateQueries({ queryKey: ['members', slug, orgId] });
  const save = useMutation({
    mutationFn: () => networksApi.setRoles(slug, member.membershipId, roles),
    onSuccess: async () => {
      onDone(t('org.rolesSaved', { name: member.displayName }));
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => networksApi.removeMember(slug, member.membershipId),
    onSuccess: async () => {
      onDone(t('org.removed', { name: member.displayName }));
      await refresh();
    },
  });
  const changed = roles.slice().sort().join() !== member.roles.slice().sort().join();
  return (
    <li className={member.status === 'pending' ? 'card action' : 'card'}>
      <p>
        <strong>{member.displayName}</strong>{' '}
        <span className={`badge ${member.status}`}>
          <span aria-hidden="true">{member.status === 'active' ? '✓ ' : '⏳ '}</span>
          {t(`memberStatus.${member.status}`)}
        </span>
      </p>
      <p className="muted break">{member.email}</p>
      {member.status === 'pending' && <p className="muted">{t('org.vouchesSoFar', { count: member.vouches })}</p>}
      <p>{member.roles.length ? formatList(member.roles.map((r) => t(`roles.${r}`))) : t('org.noRoles')}</p>
      <details className="roles">
        <summary>{t('org.changeRoles')}</summary>
        <CheckboxGroup
          legend={t('org.rolesFor', { name: member.displayName })}
          options={ORG_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={roles}
          onChange={setRoles}
        />
        <button type="button" className="primary" disabled={!changed || save.isPending} onClick={() => save.mutate()}>
          {t('org.saveRoles')}
        </button>
      </details>
      <ErrorNote error={save.error ?? remove.error} />
      {member.status === 'active' && qualifications && (
        <MemberQualifications slug={slug} orgId={orgId} name={member.displayName} entry={qualifications} />
      )}
      <div className="row">
        <ConfirmButton
          label={t('org.remove')}
          question={t('org.removeQuestion', { name: member.displayName })}
          confirmLabel={t('org.removeConfirm')}
          onConfirm={() => remove.mutate()}
          disabled={remove.isPending}
        />
      </div>
    </li>
  );
}

function InvitationCreator({ slug, orgId, onDone }: Props) {
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const [roles, setRoles] = useState<string[]>(['responder']);
  const [hours, setHours] = useState(72);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedInvitationT | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => networksApi.createInvitation(slug, orgId, { roles, expiresInHours: hours }),
    onSuccess: async (inv) => {
      setCreated(inv);
      setCopied(null);
      onDone(t('invitations.created'));
      await qc.invalidateQueries({ queryKey: ['invitations', slug, orgId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone(null);
    if (roles.length === 0) {
      setRolesError(t('invitations.rolesRequired'));
      return;
    }
    setRolesError(undefined);
    create.mutate();
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(t('invitations.copied'));
    } catch {
      setCopied(t('invitations.copyFailed'));
    }
  };
  return (
    <>
      <form onSubmit={submit} noValidate>
        <h2>{t('invitations.createTitle')}</h2>
        <CheckboxGroup
          legend={t('invitations.roles')}
          options={ORG_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={roles}
          onChange={setRoles}
          describedBy={rolesError ? 'inv-roles-err' : undefined}
        />
        {rolesError && (
          <p className="field-error" id="inv-roles-err">
            {rolesError}
          </p>
        )}
        <SelectField
          label={t('invitations.expiresIn')}
          value={String(hours)}
          onChange={(e) => setHours(Number(e.target.value))}
          options={EXPIRY_HOURS.map((h) => ({
            value: String(h),
            label: h < 48 ? t('invitations.hours', { count: h }) : t('invitations.days', { count: h / 24 }),
          }))}
        />
        <ErrorNote error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('invitations.create')}
        </button>
      </form>
      {created && (
        <div className="card action invite-link">
          <p>{t('invitations.showOnce')}</p>
          <label htmlFor="invite-url">{t('invitations.link')}</label>
          <input id="invite-url" dir="ltr" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="primary" onClick={() => void copy()}>
            {t('invitations.copy')}
          </button>
          <Status message={copied} />
        </div>
      )}
    </>
  );
}

function Invitations({ slug, orgId, onDone }: Props) {
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const invitations = useQuery({
    queryKey: ['invitations', slug, orgId],
    queryFn: () => networksApi.invitations(slug, orgId),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => networksApi.revokeInvitation(slug, orgId, id),
    onSuccess: async () => {
      onDone(t('invitations.revoked'));
      await qc.invalidateQueries({ queryKey: ['invitations', slug, orgId] });
    },
  });
  const list = invitations.data?.invitations ?? [];
  const open = list.filter((i) => i.state === 'open');
  const rest = list.filter((i) => i.state !== 'open');
  return (
    <>
      <h2>{t('invitations.title')}</h2>
      <ErrorNote error={invitations.error ?? revoke.error} />
      {invitations.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('invitations.none')}</p>
      ) : (
        <ul className="cards">
          {[...open, ...rest].map((i) => (
            <li key={i.id} className="card">
              <p>
                <span className={`badge ${i.state}`}>{t(`invitations.state.${i.state}`)}</span>{' '}
                {formatList(i.roles.map((r) => t(`roles.${r}`)))}
              </p>
              <p className="muted">{t('invitations.expiresAt', { when: formatDateTime(i.expiresAt) })}</p>
              {i.state === 'open' && (
                <ConfirmButton
                  label={t('invitations.revoke')}
                  question={t('invitations.revokeQuestion')}
                  confirmLabel={t('invitations.revokeConfirm')}
                  onConfirm={() => revoke.mutate(i.id)}
                  disabled={revoke.isPending}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
