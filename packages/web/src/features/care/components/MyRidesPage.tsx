import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton, ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { type CareRideAddressT, type CareRideT, type RideProgressBody, ridesApi, ridesKey } from '../rides-api.ts';
import { RideAddress, RideBadge, RideHeading } from './RideBits.tsx';

/** Statuses in which the trip is under way (and the addresses the riders' to read). */
const UNDER_WAY = new Set(['assigned', 'picked_up']);

/**
 * The rides a person drives or accompanies. Each card shows the area; pickup and drop-off are
 * fetched only when the person opens the ride, held in the card's state (not the query cache,
 * URL, title or storage) and dropped as soon as the trip ends.
 */
export function MyRidesPage() {
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
  const me = access?.accountId;
  const mine = (list.data?.rides ?? []).filter((x) => x.driverAccountId === me || x.accompanierAccountId === me);
  const current = mine.filter((x) => UNDER_WAY.has(x.status));
  const finished = mine.filter((x) => !UNDER_WAY.has(x.status));
  return (
    <section className="narrow">
      <PageTitle>{t('rides.mineTitle')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/care/rides`}>{t('rides.nav')}</Link>
      </p>
      <Status message={done} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : (
        <>
          {current.length === 0 ? (
            <p className="muted">{t('rides.mineNone')}</p>
          ) : (
            <ul className="cards">
              {current.map((ride) => (
                <MyRide key={ride.id} slug={slug} ride={ride} driver={ride.driverAccountId === me} onDone={setDone} />
              ))}
            </ul>
          )}
          {finished.length > 0 && (
            <>
              <h2>{t('mine.finished')}</h2>
              <ul className="cards">
                {finished.map((ride) => (
                  <li key={ride.id} className="card" data-ride-id={ride.id}>
                    <RideHeading ride={ride} />
                    <p>
                      <RideBadge status={ride.status} />
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function MyRide({
  slug,
  ride,
  driver,
  onDone,
}: {
  slug: string;
  ride: CareRideT;
  driver: boolean;
  onDone: (m: string | null) => void;
}) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const id = useId();
  const [address, setAddress] = useState<CareRideAddressT | null>(null);
  // Not a query or mutation: their caches would keep the address after the card is gone.
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<unknown>(null);
  const reveal = async () => {
    setRevealing(true);
    setRevealError(null);
    try {
      setAddress(await ridesApi.address(slug, ride.id));
    } catch (e) {
      setRevealError(e);
    } finally {
      setRevealing(false);
    }
  };
  const progress = useMutation({
    mutationFn: (body: RideProgressBody) => ridesApi.progress(slug, ride.id, body),
    onMutate: () => onDone(null),
    onSuccess: async (_r, body) => {
      // The trip has ended: the addresses leave the screen before anything else.
      if (body.status !== 'picked_up') setAddress(null);
      onDone(t(`rides.done.${body.status}`));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  const pending = progress.isPending;
  return (
    <li className="card care-needs" data-ride-id={ride.id}>
      <RideHeading ride={ride} />
      <p>
        <RideBadge status={ride.status} /> {t(driver ? 'rides.youDrive' : 'rides.youAccompany')}
      </p>
      {address ? (
        <>
          <RideAddress address={address} headingId={`${id}-addr`} />
          <button type="button" className="secondary" onClick={() => setAddress(null)}>
            {t('mine.hideAddress')}
          </button>
        </>
      ) : (
        <button type="button" className="primary care-big" disabled={revealing} onClick={() => void reveal()}>
          {t('rides.open')}
        </button>
      )}
      <ErrorNote error={revealError ?? progress.error} />
      {driver && (
        <div className="row">
          {ride.status === 'assigned' && (
            <button type="button" className="primary" disabled={pending} onClick={() => progress.mutate({ status: 'picked_up' })}>
              {t('rides.pickedUp')}
            </button>
          )}
          {ride.status === 'picked_up' && (
            <button type="button" className="primary" disabled={pending} onClick={() => progress.mutate({ status: 'completed' })}>
              {t('rides.completed')}
            </button>
          )}
          <ConfirmButton
            label={t('rides.failed')}
            question={t('rides.failQuestion')}
            confirmLabel={t('rides.failConfirm')}
            disabled={pending}
            onConfirm={() => progress.mutate({ status: 'failed' })}
          />
        </div>
      )}
    </li>
  );
}
