import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { type CareAccess, useCareAccess } from '../access.ts';
import { type CareRideT, ridesApi, ridesKey } from '../rides-api.ts';
import { RideAssign } from './RideAssign.tsx';
import { RideBadge, RideHeading } from './RideBits.tsx';

const ACTIVE = new Set(['open', 'claimed', 'assigned', 'picked_up']);

/**
 * Rides for drivers and coordinators: kind, coarse area, window and whether an accompanier must
 * ride along, never an address. Coordinators claim for their organization, then assign the
 * driver and the accompanier.
 */
export function RidesPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const access = useCareAccess(slug);
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ridesKey(slug),
    queryFn: () => ridesApi.list(slug),
    enabled: !!access?.tasks,
    refetchInterval: 20_000,
  });
  if (access && !access.tasks) return <p className="muted">{t('rides.noAccess')}</p>;
  const rides = list.data?.rides ?? [];
  const active = rides.filter((x) => ACTIVE.has(x.status));
  const ended = rides.filter((x) => !ACTIVE.has(x.status));
  return (
    <section className="narrow">
      <PageTitle>{t('rides.title')}</PageTitle>
      <p className="links">
        {access?.driver && <Link to={`/n/${encodeURIComponent(slug)}/care/my-rides`}>{t('rides.navMine')}</Link>}
      </p>
      <p className="hint">{t('rides.areaOnly')}</p>
      <Status message={done} />
      {list.isPending || !access ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : (
        <>
          {active.length === 0 ? (
            <p className="muted">{t('rides.none')}</p>
          ) : (
            <ul className="cards">
              {active.map((ride) => (
                <RideCard key={ride.id} slug={slug} ride={ride} access={access} onDone={setDone} />
              ))}
            </ul>
          )}
          {ended.length > 0 && (
            <details className="roles">
              <summary>{t('rides.ended', { count: ended.length })}</summary>
              <ul className="cards">
                {ended.map((ride) => (
                  <RideCard key={ride.id} slug={slug} ride={ride} access={access} onDone={setDone} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function RideCard({
  slug,
  ride,
  access,
  onDone,
}: {
  slug: string;
  ride: CareRideT;
  access: CareAccess;
  onDone: (m: string | null) => void;
}) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const owner = ride.claimedBy?.organizationId ?? null;
  const mineToRun = owner !== null && access.coordinatorOrgs.some((o) => o.id === owner);
  const act = useMutation({
    mutationFn: (what: { claim: { id: string; name: string } } | 'close') =>
      what === 'close' ? ridesApi.progress(slug, ride.id, { status: 'closed' }) : ridesApi.claim(slug, ride.id, what.claim.id),
    onMutate: () => onDone(null),
    onSuccess: async (_r, what) => {
      onDone(what === 'close' ? t('rides.closed') : t('rides.claimed', { org: what.claim.name }));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  return (
    <li className={ride.status === 'open' ? 'card care-needs' : 'card'} data-ride-id={ride.id}>
      <RideHeading ride={ride} />
      <p>
        <RideBadge status={ride.status} />{' '}
        {ride.claimedBy && <span className="muted">{t('tasks.claimedBy', { name: ride.claimedBy.name })}</span>}
      </p>
      {ride.accompanierRequired && ACTIVE.has(ride.status) && (
        <p>{ride.accompanierAccountId ? t('rides.hasAccompanier') : t('rides.needsAccompanier')}</p>
      )}
      <ErrorNote error={act.error} />
      {ride.status === 'open' &&
        access.coordinatorOrgs.map((org) => (
          <button
            key={org.id}
            type="button"
            className="primary"
            disabled={act.isPending}
            onClick={() => act.mutate({ claim: org })}
          >
            {t('claim.claim', { org: org.name })}
          </button>
        ))}
      {mineToRun && ['claimed', 'assigned'].includes(ride.status) && (
        <>
          <RideAssign slug={slug} ride={ride} role="driver" onDone={onDone} />
          {ride.accompanierRequired && <RideAssign slug={slug} ride={ride} role="accompanier" onDone={onDone} />}
        </>
      )}
      {mineToRun && ['completed', 'failed'].includes(ride.status) && (
        <button type="button" className="secondary" disabled={act.isPending} onClick={() => act.mutate('close')}>
          {t('rides.close')}
        </button>
      )}
    </li>
  );
}
