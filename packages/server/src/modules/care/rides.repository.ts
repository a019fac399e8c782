import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CareRideRequestsTable, CareRidesTable } from '../../db/schema-care.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type RideRequestRow = Selectable<CareRideRequestsTable>;
export type RideRow = Selectable<CareRidesTable>;
/** What lists need of a ride's request: never the pickup, drop-off or contact. */
const LIST_COLUMNS = [
  'q.kind',
  'q.area_cell',
  'q.area_name',
  'q.language',
  'q.passengers',
  'q.child_seats',
  'q.return_trip',
  'q.return_time',
  'q.accompanier_required',
  'q.accompanier_course_id',
  'q.rrule',
] as const;
/** A ride with its request's plain columns. */
export type RideListRow = RideRow &
  Pick<
    RideRequestRow,
    | 'kind'
    | 'area_cell'
    | 'area_name'
    | 'language'
    | 'passengers'
    | 'child_seats'
    | 'return_trip'
    | 'return_time'
    | 'accompanier_required'
    | 'accompanier_course_id'
    | 'rrule'
  >;

export async function insertRideRequest(db: Db, row: RideRequestRow): Promise<void> {
  await db.insertInto('care_ride_requests').values(row).execute();
}

/** Insert trips; a date already materialized is left as it is (the horizon job may race a filing). */
export async function insertRides(db: Db, rows: RideRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('care_rides')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['ride_request_id', 'local_date']).doNothing())
      .execute();
}

const rideList = (db: Db) =>
  db
    .selectFrom('care_rides as r')
    .innerJoin('care_ride_requests as q', 'q.id', 'r.ride_request_id')
    .selectAll('r')
    .select(LIST_COLUMNS);

export async function findRide(db: Db, networkId: string, id: string): Promise<RideListRow | undefined> {
  return rideList(db).where('r.network_id', '=', networkId).where('r.id', '=', id).executeTakeFirst();
}

/** Rides of a network ending at `endsAfter` or later, soonest first (past trips do not crowd out the coming ones). */
export async function listRides(
  db: Db,
  networkId: string,
  status: string | undefined,
  endsAfter: string,
  limit = 500,
): Promise<RideListRow[]> {
  let q = rideList(db).where('r.network_id', '=', networkId).where('r.window_end', '>=', endsAfter);
  if (status) q = q.where('r.status', '=', status);
  return q.orderBy('r.window_start').limit(limit).execute();
}

/** Rides of a request, soonest first. */
export async function ridesOfRequest(db: Db, networkId: string, requestId: string): Promise<RideListRow[]> {
  return rideList(db)
    .where('r.network_id', '=', networkId)
    .where('r.ride_request_id', '=', requestId)
    .orderBy('r.window_start')
    .execute();
}

/** A ride's pickup, drop-off and contact: read only by the service, under the address rule. */
export async function findRideSecrets(db: Db, networkId: string, requestId: string) {
  return db
    .selectFrom('care_ride_requests')
    .select(['pickup_enc', 'pickup_point_enc', 'dropoff_enc', 'dropoff_point_enc', 'contact_enc'])
    .where('network_id', '=', networkId)
    .where('id', '=', requestId)
    .executeTakeFirst();
}

/** Move a ride on only if it stands where the caller saw it (status and version): one of two at once wins. */
export async function moveRide(
  db: Db,
  networkId: string,
  id: string,
  expected: { status: readonly string[]; version: number },
  change: Updateable<CareRidesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_rides')
    .set({ ...change, version: expected.version + 1 })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', 'in', expected.status)
    .where('version', '=', expected.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Recurring requests whose trips are materialized only up to before `localDate` (the horizon job). */
export async function recurringBehind(db: Db, localDate: string): Promise<RideRequestRow[]> {
  return db
    .selectFrom('care_ride_requests')
    .selectAll()
    .where('rrule', 'is not', null)
    .where((eb) => eb.or([eb('materialized_until', 'is', null), eb('materialized_until', '<', localDate)]))
    .limit(1000)
    .execute();
}

export async function setMaterializedUntil(db: Db, id: string, localDate: string): Promise<void> {
  await db.updateTable('care_ride_requests').set({ materialized_until: localDate }).where('id', '=', id).execute();
}

/** Assigned rides starting in [from, to): the reminder job's candidates. */
export async function assignedStartingBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('care_rides as r')
    .innerJoin('care_ride_requests as q', 'q.id', 'r.ride_request_id')
    .select([
      'r.id',
      'r.network_id',
      'r.window_start',
      'r.assigned_at',
      'r.driver_account_id',
      'r.accompanier_account_id',
      'q.kind',
      'q.area_name',
    ])
    .where('r.status', '=', 'assigned')
    .where('r.window_start', '>=', from)
    .where('r.window_start', '<', to)
    .orderBy('r.window_start')
    .limit(5000)
    .execute();
}

/** A person's rides (as driver or accompanier) starting in [from, to): their calendar feed. */
export async function ridesOfPerson(db: Db, networkId: string, accountId: string, from: string, to: string) {
  return rideList(db)
    .where('r.network_id', '=', networkId)
    .where((eb) => eb.or([eb('r.driver_account_id', '=', accountId), eb('r.accompanier_account_id', '=', accountId)]))
    .where('r.window_start', '>=', from)
    .where('r.window_start', '<', to)
    .orderBy('r.window_start')
    .limit(2000)
    .execute();
}

/**
 * Retention: empty the pickup, drop-off, points and contact of one-off ride requests whose every
 * trip closed before the cutoff, or ended before it without closing. Kind, area and times stay,
 * for counts. Returns how many requests were emptied.
 */
export async function purgeRideAddressesBefore(db: Db, networkId: string, cutoff: string): Promise<number> {
  const r = await db
    .updateTable('care_ride_requests as q')
    .set({ pickup_enc: null, pickup_point_enc: null, dropoff_enc: null, dropoff_point_enc: null, contact_enc: null })
    .where('q.network_id', '=', networkId)
    .where('q.rrule', 'is', null)
    .where((eb) =>
      eb.or([eb('q.pickup_enc', 'is not', null), eb('q.dropoff_enc', 'is not', null), eb('q.contact_enc', 'is not', null)]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('care_rides as r')
            .select('r.id')
            .whereRef('r.ride_request_id', '=', 'q.id')
            .where((eb) =>
              eb.or([eb.and([eb('r.closed_at', 'is', null), eb('r.window_end', '>=', cutoff)]), eb('r.closed_at', '>=', cutoff)]),
            ),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
