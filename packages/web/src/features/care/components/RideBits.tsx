import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../kit/format.ts';
import { phoneOf } from '../contact.ts';
import type { CareRideAddressT, CareRideT } from '../rides-api.ts';
import { areaLabel } from './bits.tsx';

const ICONS: Record<string, string> = {
  open: '○',
  claimed: '◐',
  assigned: '◑',
  picked_up: '→',
  completed: '✓',
  failed: '✕',
  closed: '■',
};

/** A ride's status: colour, icon and word. */
export function RideBadge({ status }: { status: CareRideT['status'] }) {
  const { t } = useTranslation('care');
  return (
    <span className={`badge care-${status}`}>
      <span aria-hidden="true">{ICONS[status] ?? '•'} </span>
      {t(`rides.status.${status}`)}
    </span>
  );
}

/** Heading of a ride card: kind, coarse area, window, and whether an accompanier must ride along. */
export function RideHeading({ ride }: { ride: CareRideT }) {
  const { t } = useTranslation('care');
  return (
    <>
      <h2 className="care-title">
        {t(`rides.kinds.${ride.kind}`)} · <span className="care-area">{areaLabel(ride.area, t)}</span>
      </h2>
      <p>{t('rides.window', { start: formatDateTime(ride.windowStart), end: formatDateTime(ride.windowEnd) })}</p>
      <p className="muted">
        {t('rides.passengers', { count: ride.passengers })}
        {ride.childSeats > 0 && ` · ${t('rides.childSeats', { count: ride.childSeats })}`}
        {ride.returnTrip && ` · ${t('rides.returnAt', { time: ride.returnTime ?? '' })}`}
      </p>
      <p>{ride.accompanierRequired ? <strong>{t('rides.accompanierRequired')}</strong> : t('rides.noAccompanier')}</p>
    </>
  );
}

/** Pickup, drop-off and contact, from the parent card's state only: gone when it closes or the trip ends. */
export function RideAddress({ address, headingId }: { address: CareRideAddressT; headingId: string }) {
  const { t } = useTranslation('care');
  const phone = phoneOf(address.contact);
  return (
    <section className="care-address" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('rides.addressTitle')}</h3>
      <p>
        {t('rides.pickup')}: <span data-testid="ride-pickup">{address.pickup}</span>
      </p>
      <p>
        {t('rides.dropoff')}: <span data-testid="ride-dropoff">{address.dropoff}</span>
      </p>
      <p>
        {t('mine.contact')}: <span className="break">{address.contact}</span>
      </p>
      {phone && (
        <p className="links">
          <a href={`tel:${phone}`}>{t('mine.call')}</a>
          <a href={`sms:${phone}`}>{t('mine.text')}</a>
        </p>
      )}
      <p className="hint">{t('rides.addressNote')}</p>
    </section>
  );
}
