import type { Deps } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { findNetworkById } from '../networks/index.ts';
import { listCourses } from '../training/index.ts';
import type { CareDemoCast } from './demo-seed.ts';
import { localDateOf, localInstant, plusDays } from './rides-recurrence.ts';
import * as repo from './rides.repository.ts';

/** The demo ride: made-up pickup, drop-off and number; the cold-copy test looks for them on disk. */
const RIDE = {
  pickup: '3012 17th Avenue South, side door',
  dropoff: 'Fort Snelling Immigration Court, 1 Federal Drive',
  contact: '+1 612 555 0186',
  areaCell: '8827526d6bfffff',
  areaName: 'Powderhorn',
};

/** The demo ride's addresses and contact: what the cold-copy test searches for. */
export const ridesDemoTexts = () => [
  { kind: 'address' as const, value: RIDE.pickup },
  { kind: 'address' as const, value: RIDE.dropoff },
  { kind: 'contact' as const, value: RIDE.contact },
];

/**
 * One court ride three days ahead at 09:00, in Somali, that needs a trained accompanier (the
 * legal-observer course: Lee Observer holds it, Fartun Watch does not). Open, for an
 * organization to claim. Nothing while sealed: the ride is its addresses.
 */
export async function seedRidesDemo(deps: Deps, cast: CareDemoCast): Promise<void> {
  const { keyring } = deps;
  if (keyring.sealed) return;
  const db = deps.database.db;
  const network = await findNetworkById(db, cast.networkId);
  const course = (await listCourses(db, cast.networkId)).find((c) => c.key === 'legal-observer');
  if (!network) return;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const date = plusDays(localDateOf(network.timeZone, now), 3);
  const id = newId();
  await repo.insertRideRequest(db, {
    id,
    network_id: cast.networkId,
    kind: 'court_hearing',
    pickup_enc: keyring.encrypt('address', RIDE.pickup),
    pickup_point_enc: null,
    dropoff_enc: keyring.encrypt('address', RIDE.dropoff),
    dropoff_point_enc: null,
    contact_enc: keyring.encrypt('contact', RIDE.contact),
    area_cell: RIDE.areaCell,
    area_name: RIDE.areaName,
    language: 'so',
    passengers: 2,
    child_seats: 1,
    return_trip: 1,
    return_time: '12:30',
    accompanier_required: 1,
    accompanier_course_id: course?.id ?? null,
    start_date: date,
    start_time: '09:00',
    end_time: '09:30',
    rrule: null,
    materialized_until: null,
    filed_by: cast.accountIds.get('coordinator') ?? null,
    created_at: nowIso,
    updated_at: nowIso,
  });
  await repo.insertRides(db, [
    {
      id: newId(),
      network_id: cast.networkId,
      ride_request_id: id,
      local_date: date,
      window_start: localInstant(date, '09:00', network.timeZone).toISOString(),
      window_end: localInstant(date, '09:30', network.timeZone).toISOString(),
      status: 'open',
      version: 1,
      claimed_org_id: null,
      claimed_by: null,
      claimed_at: null,
      driver_account_id: null,
      accompanier_account_id: null,
      assigned_at: null,
      picked_up_at: null,
      completed_at: null,
      failed_at: null,
      closed_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    },
  ]);
}
