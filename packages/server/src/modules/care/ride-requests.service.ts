import type { CreateCareRide } from '@switchboard/shared';
import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { allNetworks, enterNetwork, inTransaction, organizationNames } from '../networks/index.ts';
import { areaNameAt, locate } from '../places/index.ts';
import { listCourses } from '../training/index.ts';
import { CARE_RIDES_POLICY as P } from './care.policy.ts';
import { CARE_AREA_RESOLUTION } from './requests.service.ts';
import { localDateOf, localInstant, parseRideRule, plusDays, RIDE_HORIZON_DAYS, rideDates } from './rides-recurrence.ts';
import { toRideDto } from './rides.dto.ts';
import * as repo from './rides.repository.ts';

type Input = z.infer<typeof CreateCareRide>;

/** The coarse pickup area: from the point when the form had a map, else from the typed address through the gazetteer. */
async function pickupArea(deps: Deps, networkId: string, input: Input) {
  if (input.pickupPoint)
    return {
      cell: latLngToCell(input.pickupPoint.lat, input.pickupPoint.lng, CARE_AREA_RESOLUTION),
      name: await areaNameAt(deps, networkId, input.pickupPoint),
    };
  const found = await locate(deps, networkId, { locationText: input.pickup, message: input.pickup });
  if (!found.point) return { cell: null, name: null };
  return { cell: latLngToCell(found.point.lat, found.point.lng, CARE_AREA_RESOLUTION), name: found.areaName ?? found.placeName };
}

/** The trips of a request on the given local dates, open, with their windows as instants in the zone. */
function tripsOn(q: repo.RideRequestRow, dates: string[], zone: string, now: string): repo.RideRow[] {
  return dates.map((date) => {
    const start = localInstant(date, q.start_time, zone);
    let end = localInstant(date, q.end_time, zone);
    // A window past midnight ends the next day.
    if (end <= start) end = localInstant(plusDays(date, 1), q.end_time, zone);
    return {
      id: newId(),
      network_id: q.network_id,
      ride_request_id: q.id,
      local_date: date,
      window_start: start.toISOString(),
      window_end: end.toISOString(),
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
      created_at: now,
      updated_at: now,
    };
  });
}

/**
 * A member files a ride: the pickup, drop-off and contact sealed, the coarse pickup area in the
 * clear. A recurring ride (an RRULE in the network's zone) gets its trips up to the horizon now,
 * and the horizon job keeps adding them.
 */
export async function fileRide(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['ride.file']);
  const { deps } = ctx;
  const db = deps.database.db;
  if (input.rrule) parseRideRule(input.rrule);
  if (input.accompanierCourseId && !(await listCourses(db, network.id)).some((c) => c.id === input.accompanierCourseId))
    throw badRequest('validation_failed', { fields: ['accompanierCourseId'] });
  const now = deps.clock.now();
  const today = localDateOf(network.timeZone, now);
  if (input.date < today) throw badRequest('validation_failed', { fields: ['date'] });
  const area = await pickupArea(deps, network.id, input);
  const { keyring } = deps;
  const horizon = plusDays(today, RIDE_HORIZON_DAYS);
  const row: repo.RideRequestRow = {
    id: newId(),
    network_id: network.id,
    kind: input.kind,
    pickup_enc: keyring.encrypt('address', input.pickup),
    pickup_point_enc: input.pickupPoint ? keyring.encrypt('address', JSON.stringify(input.pickupPoint)) : null,
    dropoff_enc: keyring.encrypt('address', input.dropoff),
    dropoff_point_enc: input.dropoffPoint ? keyring.encrypt('address', JSON.stringify(input.dropoffPoint)) : null,
    contact_enc: keyring.encrypt('contact', input.contact),
    area_cell: area.cell,
    area_name: area.name,
    language: input.language ?? 'en',
    passengers: input.passengers,
    child_seats: input.childSeats,
    return_trip: input.returnTrip ? 1 : 0,
    return_time: input.returnTrip ? (input.returnTime ?? null) : null,
    accompanier_required: input.accompanierRequired ? 1 : 0,
    accompanier_course_id: input.accompanierCourseId ?? null,
    start_date: input.date,
    start_time: input.windowStart,
    end_time: input.windowEnd,
    rrule: input.rrule ?? null,
    materialized_until: input.rrule ? horizon : null,
    filed_by: actor.accountId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  // A one-off ride is its date, however far ahead; a rule's trips come up to the horizon (the job adds later ones).
  const dates = row.rrule ? rideDates(row.start_date, row.rrule, today, horizon) : [row.start_date];
  if (dates.length === 0 && rideDates(row.start_date, row.rrule, row.start_date, plusDays(row.start_date, 366)).length === 0)
    throw badRequest('invalid_recurrence', { rule: row.rrule });
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertRideRequest(trx, row);
    await repo.insertRides(trx, tripsOn(row, dates, network.timeZone, row.created_at as string));
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.ride.file',
      targetType: 'care_ride_request',
      targetId: row.id,
      detail: { kind: row.kind, trips: dates.length, recurring: row.rrule !== null },
    });
  });
  const rides = await repo.ridesOfRequest(db, network.id, row.id);
  return { id: row.id, rides: rides.map((r) => toRideDto(r, new Map())) };
}

/** Rides for drivers and coordinators, from a day back on, soonest first: the coarse area only. */
export async function listRides(ctx: RequestContext, slug: string, status: string | undefined) {
  const { network } = await enterNetwork(ctx, slug, P['ride.list']);
  const since = new Date(ctx.deps.clock.now().getTime() - 86_400_000).toISOString();
  const rows = await repo.listRides(ctx.deps.database.db, network.id, status, since);
  const ids = [...new Set(rows.flatMap((r) => (r.claimed_org_id ? [r.claimed_org_id] : [])))];
  const names = ids.length ? await organizationNames(ctx.deps.database.db, ids) : new Map<string, string>();
  return { rides: rows.map((r) => toRideDto(r, names)) };
}

/** Keep every recurring ride's trips materialized up to the horizon (a job, hourly). Returns trips added. */
export async function extendRideHorizon(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const zones = new Map((await allNetworks(db)).map((n) => [n.id, n.timeZone]));
  let added = 0;
  const earliest = localDateOf('Pacific/Kiritimati', now);
  for (const q of await repo.recurringBehind(db, plusDays(earliest, RIDE_HORIZON_DAYS))) {
    const zone = zones.get(q.network_id);
    if (!zone) continue;
    const today = localDateOf(zone, now);
    const horizon = plusDays(today, RIDE_HORIZON_DAYS);
    if (q.materialized_until && q.materialized_until >= horizon) continue;
    const from = q.materialized_until && q.materialized_until >= today ? plusDays(q.materialized_until, 1) : today;
    const trips = tripsOn(q, rideDates(q.start_date, q.rrule, from, horizon), zone, now.toISOString());
    await db.transaction().execute(async (trx) => {
      await repo.insertRides(trx, trips);
      await repo.setMaterializedUntil(trx, q.id, horizon);
    });
    added += trips.length;
  }
  return added;
}
