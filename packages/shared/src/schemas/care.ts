/** Request and response schemas of the care module (deliveries: requests, triage, tasks). */
import { z } from 'zod';
import { AreaCell, Id, LanguageSchema, Slug, Timestamp } from './common.ts';
import { GeoPoint } from './rapid-response.ts';

/** What a delivery request asks for. */
export const CARE_KINDS = [
  'groceries',
  'baby_supplies',
  'medicine_pickup',
  'hygiene',
  'household',
  'hot_meals',
  'other',
] as const;
/** Triage states of a request: public requests start as new, member-filed ones accepted. */
export const CARE_REQUEST_STATUSES = ['new', 'accepted', 'declined', 'merged'] as const;
/** A delivery task's states, in order; delivered and failed end the trip, closed ends the task. */
export const CARE_TASK_STATUSES = ['open', 'claimed', 'assigned', 'picked_up', 'delivered', 'failed', 'closed'] as const;

/** One item asked for, with how many. */
export const CareItem = z.strictObject({
  name: z.string().trim().min(1).max(120),
  quantity: z.number().int().min(1).max(1000),
});

/** A delivery request, from the public or from a member on someone's behalf. */
export const CreateCareRequest = z.strictObject({
  kind: z.enum(CARE_KINDS),
  items: z.array(CareItem).min(1).max(50),
  /** The requester's phone or email, as typed: encrypted at rest. */
  contact: z.string().trim().min(3).max(200),
  /** The delivery address, as typed: encrypted at rest, shown only under the address rule. */
  address: z.string().trim().min(3).max(500),
  /** Where the address is, if the form had a map: only its coarse cell is kept in the clear. */
  point: GeoPoint.optional(),
  language: LanguageSchema.optional(),
  /** Discreet mode: notifications say only "Update on your request ABC123" (no kind of help, no organization). */
  discreet: z.boolean().optional(),
});

/** What the public gets back: a receipt code to look the request up. */
export const CareReceipt = z.object({ receiptCode: z.string(), status: z.enum(CARE_REQUEST_STATUSES) });
/** A receipt look-up. */
export const CareReceiptStatusRequest = z.strictObject({ code: z.string().max(64) });
/** Where a request stands, in the requester's words: the status and a decline reason, nothing else. */
export const CareReceiptStatus = z.object({
  status: z.enum(CARE_REQUEST_STATUSES),
  reason: z.string().nullable(),
});

/** The coarse area of a request: what every list shows instead of the address. */
export const CareArea = z.object({ cell: AreaCell.nullable(), name: z.string().nullable() });

/** A request as coordinators see it in triage: never the address or contact. */
export const CareRequestSummary = z.object({
  id: Id,
  origin: z.enum(['public', 'member']),
  kind: z.enum(CARE_KINDS),
  items: z.array(CareItem),
  area: CareArea,
  status: z.enum(CARE_REQUEST_STATUSES),
  declineReason: z.string().nullable(),
  mergedInto: Id.nullable(),
  taskId: Id.nullable(),
  createdAt: Timestamp,
});
export const CareRequestList = z.object({ requests: z.array(CareRequestSummary) });

/** A triage decision. */
export const TriageCareRequest = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
  z.strictObject({ decision: z.literal('merge'), into: Id }),
]);

/** A delivery task as lists show it: the coarse area only. */
export const CareTask = z.object({
  id: Id,
  requestId: Id,
  kind: z.enum(CARE_KINDS),
  items: z.array(CareItem),
  area: CareArea,
  status: z.enum(CARE_TASK_STATUSES),
  version: z.number().int(),
  claimedBy: z.object({ organizationId: Id, name: z.string() }).nullable(),
  driverAccountId: Id.nullable(),
  failureReason: z.string().nullable(),
  claimedAt: Timestamp.nullable(),
  assignedAt: Timestamp.nullable(),
  pickedUpAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  failedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export const CareTaskList = z.object({ tasks: z.array(CareTask) });
export const CareTaskQuery = z.strictObject({
  status: z.enum(CARE_TASK_STATUSES).optional(),
  /** "Near me": the driver's coarse area (an H3 cell, resolution 8 or coarser); tasks in it and the rings around it. */
  near: AreaCell.optional(),
  /** How many rings of resolution-8 cells around `near` (0 to 4, default 2: about 2 km). */
  rings: z.coerce.number().int().min(0).max(4).optional(),
});

/** Path parameters of one request or task. */
export const CareRequestParams = z.strictObject({ slug: Slug, requestId: Id });
export const CareTaskParams = z.strictObject({ slug: Slug, taskId: Id });

/** An organization claims a task (a coordinator of it). */
export const ClaimCareTask = z.strictObject({ organizationId: Id });
/** A coordinator of the claiming organization assigns a driver; without one, a driver assigns themself. */
export const AssignCareTask = z.strictObject({ driverAccountId: Id.optional() });
/** A step of the trip. */
export const CareTaskProgress = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('picked_up') }),
  z.strictObject({ status: z.literal('delivered') }),
  z.strictObject({ status: z.literal('failed'), reason: z.string().trim().min(1).max(500) }),
  z.strictObject({ status: z.literal('closed') }),
]);

/** The address and contact of a task: its own endpoint, read under the address rule and audited. */
export const CareTaskAddress = z.object({ address: z.string(), contact: z.string(), point: GeoPoint.nullable() });

/** Another organization asks the owner of a claimed task for it ("Request instead of Claim"). */
export const RequestCareClaim = z.strictObject({ organizationId: Id, reason: z.string().trim().min(1).max(500) });
/** The owner's coordinators answer. */
export const DecideCareClaim = z.strictObject({ decision: z.enum(['approve', 'decline']) });
export const CareClaimRequestParams = z.strictObject({ slug: Slug, taskId: Id, claimRequestId: Id });
/** A claim request as both organizations' coordinators see it. */
export const CareClaimRequest = z.object({
  id: Id,
  taskId: Id,
  organizationId: Id,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});

/** The pending claim requests of one task, for the owner's coordinators to approve or decline. */
export const CareClaimRequestList = z.object({ claimRequests: z.array(CareClaimRequest) });
// Offers (issue 11): items, driving time or storage, filed by a member, decided by coordinators.
/** What an offer gives. */
export const CARE_OFFER_KINDS = ['items', 'driving', 'storage'] as const;
export const CARE_OFFER_STATUSES = ['pending', 'accepted', 'declined'] as const;
/** A weekly window of driving time, in the network's time zone (0 = Sunday). */
export const CareOfferWindow = z.strictObject({
  day: z.number().int().min(0).max(6),
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
const OfferDriving = z.strictObject({
  windows: z.array(CareOfferWindow).min(1).max(21),
  /** Where they drive, in words ("Phillips, Powderhorn"). */
  area: z.string().trim().min(1).max(200),
  vehicle: z.string().trim().min(1).max(120),
  childSeats: z.number().int().min(0).max(6),
  languages: z.array(LanguageSchema).max(5).default([]),
});
const OfferStorage = z.strictObject({ description: z.string().trim().min(1).max(500) });
/** A member offers, for themself or for one of their organizations. */
export const CreateCareOffer = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('items'),
    items: z.array(CareItem).min(1).max(50),
    contact: z.string().trim().min(3).max(200),
    organizationId: Id.optional(),
  }),
  z.strictObject({
    kind: z.literal('driving'),
    driving: OfferDriving,
    contact: z.string().trim().min(3).max(200),
    organizationId: Id.optional(),
  }),
  z.strictObject({
    kind: z.literal('storage'),
    storage: OfferStorage,
    contact: z.string().trim().min(3).max(200),
    organizationId: Id.optional(),
  }),
]);
export const CareOfferParams = z.strictObject({ slug: Slug, offerId: Id });
export const DecideCareOffer = z.strictObject({ decision: z.enum(['accept', 'decline']) });
export const CareOfferQuery = z.strictObject({ status: z.enum(CARE_OFFER_STATUSES).optional() });
/** An offer as coordinators see it (the contact included: they call back). */
export const CareOffer = z.object({
  id: Id,
  kind: z.enum(CARE_OFFER_KINDS),
  organizationId: Id.nullable(),
  offeredBy: Id,
  items: z.array(CareItem).nullable(),
  driving: OfferDriving.nullable(),
  storage: OfferStorage.nullable(),
  contact: z.string(),
  status: z.enum(CARE_OFFER_STATUSES),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export const CareOfferList = z.object({ offers: z.array(CareOffer) });
