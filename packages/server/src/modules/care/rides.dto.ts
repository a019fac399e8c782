import type { CareRide } from '@switchboard/shared';
import type { z } from 'zod';
import type { RideListRow } from './rides.repository.ts';

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

/** A ride as every list shows it: the coarse pickup area, never an address or contact. */
export function toRideDto(r: RideListRow, orgNames: Map<string, string>): z.infer<typeof CareRide> {
  return {
    id: r.id,
    rideRequestId: r.ride_request_id,
    kind: r.kind as z.infer<typeof CareRide>['kind'],
    area: { cell: r.area_cell, name: r.area_name },
    date: r.local_date,
    windowStart: iso(r.window_start)!,
    windowEnd: iso(r.window_end)!,
    returnTrip: Number(r.return_trip) === 1,
    returnTime: r.return_time,
    passengers: Number(r.passengers),
    childSeats: Number(r.child_seats),
    language: r.language as z.infer<typeof CareRide>['language'],
    accompanierRequired: Number(r.accompanier_required) === 1,
    accompanierCourseId: r.accompanier_course_id,
    recurring: r.rrule !== null,
    status: r.status as z.infer<typeof CareRide>['status'],
    version: Number(r.version),
    claimedBy: r.claimed_org_id ? { organizationId: r.claimed_org_id, name: orgNames.get(r.claimed_org_id) ?? '' } : null,
    driverAccountId: r.driver_account_id,
    accompanierAccountId: r.accompanier_account_id,
    claimedAt: iso(r.claimed_at),
    assignedAt: iso(r.assigned_at),
    pickedUpAt: iso(r.picked_up_at),
    completedAt: iso(r.completed_at),
    failedAt: iso(r.failed_at),
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
  };
}
