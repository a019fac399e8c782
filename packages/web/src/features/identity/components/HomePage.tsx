import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../kit/ui.tsx';
import { incidentsWaiting } from '../../../kit/dispatch-queue.ts';
import { formatList } from '../../../kit/format.ts';
import { networkDirectory } from '../../../kit/network-directory.ts';
import { useMe } from '../../../kit/session.ts';

/** Home: what needs action first, then my status, then my networks. */
export function HomePage() {
  const { t } = useTranslation(['identity', 'networks']);
  const me = useMe().data!;
  const trusted = me.networks.filter((n) => n.isAdmin || n.memberships.some((m) => m.status === 'active'));
  const admin = me.networks.filter((n) => n.isAdmin);

  const pending = useQueries({
    queries: trusted.map((n) => ({
      queryKey: ['pending-members', n.slug],
      queryFn: () => networkDirectory.pendingMembers(n.slug),
      retry: false,
    })),
  });
  const orgs = useQueries({
    queries: trusted.map((n) => ({
      queryKey: ['organizations', n.slug],
      queryFn: () => networkDirectory.organizations(n.slug),
      retry: false,
    })),
  });

  // New incidents are the first thing a dispatcher must hear about.
  const dispatching = me.networks.filter((n) =>
    n.memberships.some((m) => m.status === 'active' && m.roles.includes('dispatcher')),
  );
  const waiting = useQueries({
    queries: dispatching.map((n) => ({
      queryKey: ['incidents-waiting', n.slug],
      queryFn: () => incidentsWaiting(n.slug),
      retry: false,
      refetchInterval: 30_000,
    })),
  });

  const actions: { key: string; to: string; text: string }[] = [];
  dispatching.forEach((n, i) => {
    const count = waiting[i]?.data ?? 0;
    if (count > 0)
      actions.push({
        key: `d-${n.slug}`,
        to: `/n/${n.slug}/dispatch`,
        text: t('home.incidentsWaiting', { count, network: n.name }),
      });
  });
  trusted.forEach((n, i) => {
    const waiting = (pending[i]?.data?.pending ?? []).filter((p) => !p.vouchedByMe).length;
    if (waiting > 0)
      actions.push({
        key: `v-${n.slug}`,
        to: `/n/${n.slug}/vouch`,
        text: t('home.vouchWaiting', { count: waiting, network: n.name }),
      });
  });
  const orgsOf = (slug: string) => orgs[trusted.findIndex((n) => n.slug === slug)]?.data?.organizations;
  admin.forEach((n) => {
    const requests = (orgsOf(n.slug) ?? []).filter((o) => o.status === 'pending').length;
    if (requests > 0)
      actions.push({
        key: `o-${n.slug}`,
        to: `/n/${n.slug}`,
        text: t('home.orgRequests', { count: requests, network: n.name }),
      });
  });

  return (
    <section>
      <PageTitle>{t('home.title', { name: me.displayName })}</PageTitle>

      <h2>{t('home.needsAction')}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t('home.nothing')}</p>
      ) : (
        <ul className="cards">
          {actions.map((a) => (
            <li key={a.key} className="card action">
              <Link to={a.to}>{a.text}</Link>
            </li>
          ))}
        </ul>
      )}

      {me.networks.some((n) => n.memberships.length > 0) || me.networks.length === 0 ? <h2>{t('home.myStatus')}</h2> : null}
      {me.networks.length === 0 ? (
        <p className="muted">{t('home.noNetworks')}</p>
      ) : (
        <ul className="cards">
          {me.networks.flatMap((n) =>
            n.memberships.map((m) => (
              <li key={m.id} className="card">
                <p>
                  <strong>{m.organizationName}</strong> · {n.name}
                </p>
                <p>
                  <span className={`badge ${m.status}`}>
                    <span aria-hidden="true">{m.status === 'active' ? '✓ ' : m.status === 'pending' ? '⏳ ' : '✕ '}</span>
                    {t(`networks:memberStatus.${m.status}`)}
                  </span>{' '}
                  {formatList(m.roles.map((r) => t(`networks:roles.${r}`)))}
                </p>
                {m.status === 'pending' && <p>{t('home.pendingExplain')}</p>}
                {m.status === 'active' &&
                  m.roles.includes('org_coordinator') &&
                  (() => {
                    // A requested organization is usable only once an administrator admits it.
                    const list = orgsOf(n.slug);
                    if (!list) return null;
                    const org = list.find((o) => o.id === m.organizationId);
                    if (org?.status !== 'active') return <p className="muted">{t('home.orgNotAdmitted')}</p>;
                    return <Link to={`/n/${n.slug}/orgs/${m.organizationId}`}>{t('home.manageOrg')}</Link>;
                  })()}
              </li>
            )),
          )}
        </ul>
      )}

      <h2>{t('home.myNetworks')}</h2>
      <ul className="cards">
        {me.networks.map((n) => (
          <li key={n.id} className="card">
            <p>
              <strong>{n.name}</strong>
              {n.isAdmin && <span className="badge active">{t('home.admin')}</span>}
            </p>
            <ul className="links">
              {/* Pending members see nothing of the network until vouched for. */}
              {(n.isAdmin || n.memberships.some((m) => m.status === 'active')) && (
                <>
                  <li>
                    <Link to={`/n/${n.slug}`}>{t('home.organizations')}</Link>
                  </li>
                  <li>
                    <Link to={`/n/${n.slug}/vouch`}>{t('home.vouch')}</Link>
                  </li>
                </>
              )}
              {n.isAdmin && (
                <li>
                  <Link to={`/n/${n.slug}/settings`}>{t('home.settings')}</Link>
                </li>
              )}
              {n.isAdmin && (
                <li>
                  <Link to={`/n/${n.slug}/audit`}>{t('home.audit')}</Link>
                </li>
              )}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
