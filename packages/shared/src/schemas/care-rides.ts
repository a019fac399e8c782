/** Request and response schemas of care rides (rides and accompaniment: requests, trips, assignment, feeds). */
import { z } from 'zod';
import { Id, LanguageSchema, Slug, Timestamp } from './common.ts';
import { CareArea } from './care.ts';
import { GeoPoint } from './rapid-response.ts';
import { LocalDate, LocalTime } from './shifts.ts';

/** Where a ride goes. */
export const RIDE_KINDS = ['court_hearing', 'immigration_checkin', 'school', 'clinic', 'detention_visit', 'other'] as const;
/** A ride's states, in order; completed and failed end the trip, closed ends the ride. */
export const RIDE_STATUSES = ['open', 'claimed', 'assigned', 'picked_up', 'completed', 'failed', 'closed'] as const;
/** Who rides along: the driver, and a trained accompanier when the ride asks for one. */
export const RIDE_ROLES = ['driver', 'accompanier'] as const;

/** A ride request filed by a member: typed pickup and drop-off (a point optional), a local window, maybe a rule. */
export const CreateCareRide = z
  .strictObject({
    kind: z.enum(RIDE_KINDS),
    /** The pickup address, as typed: encrypted at rest, shown only under the address rule. */
    pickup: z.string().trim().min(3).max(500),
    /** Where the pickup is, if the form had a map: only its coarse cell is kept in the clear. */
    pickupPoint: GeoPoint.optional(),
    /** The drop-off (the court, the office), as typed: encrypted at rest. */
    dropoff: z.string().trim().min(3).max(500),
    dropoffPoint: GeoPoint.optional(),
    /** The rider's phone or email, as typed: encrypted at rest. */
    contact: z.string().trim().min(3).max(200),
    /** The first (or only) local date of the ride, in the network's time zone. */
    date: LocalDate,
    /** The pickup window, local wall-clock times. */
    windowStart: LocalTime,
    windowEnd: LocalTime,
    /** A ride back, and when (local time). */
    returnTrip: z.boolean().default(false),
    returnTime: LocalTime.optional(),
    passengers: z.number().int().min(1).max(8).default(1),
    childSeats: z.number().int().min(0).max(4).default(0),
    /** The language the rider speaks. */
    language: LanguageSchema.optional(),
    /** Whether a trained accompanier must ride along, and which training course certifies one. */
    accompanierRequired: z.boolean().default(false),
    accompanierCourseId: Id.optional(),
    /** RFC 5545 RRULE for recurring check-ins (e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=8), in the network's zone. */
    rrule: z.string().trim().min(1).max(200).optional(),
  })
  .refine((r) => !r.accompanierRequired || r.accompanierCourseId !== undefined, {
    path: ['accompanierCourseId'],
    message: 'required when accompanierRequired',
  });

/** A ride as every list shows it: the coarse pickup area, never an address or contact. */
export const CareRide = z.object({
  id: Id,
  rideRequestId: Id,
  kind: z.enum(RIDE_KINDS),
  area: CareArea,
  /** Local date of this trip. */
  date: LocalDate,
  windowStart: Timestamp,
  windowEnd: Timestamp,
  returnTrip: z.boolean(),
  returnTime: LocalTime.nullable(),
  passengers: z.number().int(),
  childSeats: z.number().int(),
  language: LanguageSchema,
  accompanierRequired: z.boolean(),
  accompanierCourseId: Id.nullable(),
  recurring: z.boolean(),
  status: z.enum(RIDE_STATUSES),
  version: z.number().int(),
  claimedBy: z.object({ organizationId: Id, name: z.string() }).nullable(),
  driverAccountId: Id.nullable(),
  accompanierAccountId: Id.nullable(),
  claimedAt: Timestamp.nullable(),
  assignedAt: Timestamp.nullable(),
  pickedUpAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  failedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
/** A filed ride request and its trips materialized so far. */
export const CareRideRequestCreated = z.object({ id: Id, rides: z.array(CareRide) });
/** Rides, soonest first. */
export const CareRideList = z.object({ rides: z.array(CareRide) });
/** List filter. */
export const CareRideQuery = z.strictObject({ status: z.enum(RIDE_STATUSES).optional() });
/** A ride of a network. */
export const CareRideParams = z.strictObject({ slug: Slug, rideId: Id });
/** An organization claims a ride. */
export const ClaimCareRide = z.strictObject({ organizationId: Id });
/** Assign the driver or the accompanier (omitted account: yourself). */
export const AssignCareRide = z.strictObject({ role: z.enum(RIDE_ROLES), accountId: Id.optional() });
/** The trip's steps. */
export const CareRideProgress = z.strictObject({ status: z.enum(['picked_up', 'completed', 'failed', 'closed']) });
/** The pickup, drop-off and contact: only from the address endpoint, under the address rule. */
export const CareRideAddress = z.object({
  pickup: z.string(),
  dropoff: z.string(),
  contact: z.string(),
  pickupPoint: GeoPoint.nullable(),
  dropoffPoint: GeoPoint.nullable(),
});
