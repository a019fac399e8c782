import { z } from 'zod';
import { AreaCell, Id, LanguageSchema, Slug, Timestamp } from './common.ts';
import {
  REPORT_CATEGORIES,
  REPORT_SOURCES,
  INCIDENT_STATUSES,
  RECEIPT_STATUSES,
  VERIFICATION_REASONS,
  DISPATCH_STATUSES,
  QUALIFICATIONS,
  ALERT_CHANNELS,
  ALERT_UPDATE_PRESETS,
} from '../constants/rapid-response.ts';

// The lists live apart so the web can have them without zod; re-exported here as before.
export * from '../constants/rapid-response.ts';

/** Latitude/longitude of a public place (reports only; responders never send points). */
export const GeoPoint = z.strictObject({
  /** Latitude. */
  lat: z.number().min(-90).max(90),
  /** Longitude. */
  lng: z.number().min(-180).max(180),
});

/** A new sighting report (public form, JSON API, or a dispatcher on the phone). */
export const CreateReportRequest = z.strictObject({
  /** What is happening. */
  category: z.enum(REPORT_CATEGORIES),
  /** Where: intersection or address as typed. */
  locationText: z.string().trim().max(300).optional(),
  /** Where, from "use my location" or a map pin. */
  point: GeoPoint.optional(),
  /** When it was seen; defaults to now. */
  observedAt: Timestamp.optional(),
  /** What the reporter sees. */
  description: z.string().trim().max(2000).optional(),
  /** The reporter's language. */
  language: LanguageSchema.optional(),
  /** Optional way to call back (stored encrypted, purged with the report). */
  contact: z.string().trim().max(200).optional(),
  /** Proof-of-work solution when the network is under flood (ALTCHA payload). */
  challenge: z.string().max(4000).optional(),
});
/** A phone number to block or unblock for SMS reports (only its keyed hash is stored). */
export const SmsBlocklistRequest = z.strictObject({
  /** The sender's number, E.164 ("+16125550100"); 10-digit US numbers get +1. */
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{7,32}$/),
});
/** The blocklist state of that number after the change. */
export const SmsBlocklistResult = z.object({
  /** Whether the number is now blocked. */
  blocked: z.boolean(),
  /** False when nothing changed (already blocked, or was not blocked). */
  changed: z.boolean(),
});
/** What the reporter gets back. */
export const ReportReceipt = z.object({
  /** Receipt code to quote on the phone (e.g. K7QF-2M). */
  receiptCode: z.string(),
  /** Language of the receipt. */
  language: LanguageSchema,
  /** When it was received. */
  receivedAt: Timestamp,
});
/**
 * A receipt code to look up. Any text up to 64 characters: a malformed code gets the
 * same "no report with this code" answer as an unknown one.
 */
export const ReceiptStatusRequest = z.strictObject({ code: z.string().max(64) });
/** Where a report stands, in a reporter's words: no place, no other reports, no dispatch. */
export const ReceiptStatus = z.object({ status: z.enum(RECEIPT_STATUSES) });

/** One report as dispatchers see it. */
export const Report = z.object({
  id: Id,
  incidentId: Id.nullable(),
  source: z.enum(REPORT_SOURCES),
  category: z.enum(REPORT_CATEGORIES),
  locationText: z.string().nullable(),
  point: GeoPoint.nullable(),
  observedAt: Timestamp,
  description: z.string().nullable(),
  language: LanguageSchema,
  /** Whether a callback contact was left (its value is a separate, audited read). */
  hasContact: z.boolean(),
  /** From a vouched member: weighs more in corroboration. */
  trusted: z.boolean(),
  /** An SMS report a dispatcher still has to structure. */
  needsStructuring: z.boolean(),
  receiptCode: z.string(),
  createdAt: Timestamp,
});

/** An incident: reports near each other in space and time. */
export const Incident = z.object({
  id: Id,
  status: z.enum(INCIDENT_STATUSES),
  category: z.enum(REPORT_CATEGORIES),
  locationText: z.string().nullable(),
  point: GeoPoint.nullable(),
  /** Coarse area (H3, resolution 7). */
  area: AreaCell.nullable(),
  /** The named place it is at ("Lake St & Chicago Ave"), when the gazetteer knows it. */
  placeName: z.string().nullable(),
  /** The named area it lies in ("Phillips West"), when the network has imported its areas. */
  areaName: z.string().nullable(),
  reportCount: z.number().int(),
  trustedReports: z.number().int(),
  firstReportedAt: Timestamp,
  lastReportedAt: Timestamp,
  verifiedAt: Timestamp.nullable(),
  verificationReason: z.enum(VERIFICATION_REASONS).nullable(),
  /** Who holds the edit lock, and until when. */
  lock: z.object({ accountId: Id, displayName: z.string(), expiresAt: Timestamp }).nullable(),
  /** Increases on every change: send it back to detect conflicting edits. */
  version: z.number().int(),
});
/** The dispatcher queue: what needs a person first. */
export const IncidentList = z.object({ incidents: z.array(Incident) });
/** A timeline entry of an incident. */
export const IncidentEvent = z.object({
  id: Id,
  kind: z.string(),
  actorName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
/** A dispatched responder as the dispatcher sees them. */
export const Dispatch = z.object({
  id: Id,
  incidentId: Id,
  accountId: Id,
  displayName: z.string(),
  qualification: z.enum(QUALIFICATIONS).nullable(),
  ring: z.number().int(),
  status: z.enum(DISPATCH_STATUSES),
  notifiedAt: Timestamp,
  respondedAt: Timestamp.nullable(),
  onSceneAt: Timestamp.nullable(),
});
/** Incident with its reports, timeline and dispatches. */
export const IncidentDetail = z.object({
  incident: Incident,
  reports: z.array(Report),
  timeline: z.array(IncidentEvent),
  dispatches: z.array(Dispatch),
});
/** Change an incident's status. */
export const ChangeIncidentStatusRequest = z.strictObject({
  /** New status. */
  status: z.enum(INCIDENT_STATUSES),
  /** Required to verify. */
  reason: z.enum(VERIFICATION_REASONS).optional(),
  /** Free-text note for the timeline. */
  note: z.string().trim().max(1000).optional(),
  /** The version the dispatcher saw. */
  version: z.number().int(),
});
/** Merge other incidents into this one. */
export const MergeIncidentsRequest = z.strictObject({ incidentIds: z.array(Id).min(1).max(50) });
/** Split reports out of an incident into a new one. */
export const SplitIncidentRequest = z.strictObject({ reportIds: z.array(Id).min(1).max(200) });
/** A dispatcher structures an SMS report. */
export const StructureReportRequest = z.strictObject({
  category: z.enum(REPORT_CATEGORIES),
  locationText: z.string().trim().max(300).optional(),
  point: GeoPoint.optional(),
});
/** Dispatch nearest qualified responders. */
export const DispatchRequest = z.strictObject({
  /** The qualification needed, if any. */
  qualification: z.enum(QUALIFICATIONS).optional(),
  /** A language the responder must speak. */
  language: LanguageSchema.optional(),
  /** How many to notify at once. */
  count: z.number().int().min(1).max(20).default(3),
});
/** A responder's answer or progress. */
export const UpdateDispatchRequest = z.strictObject({
  status: z.enum(['accepted', 'declined', 'en_route', 'on_scene', 'stood_down']),
});
/** A responder's availability; the app sends a coarse cell, never a point. */
export const AvailabilityRequest = z.strictObject({
  available: z.boolean(),
  /** H3 cell at resolution 8 (~0.7 km²); required when available. */
  cell: AreaCell.optional(),
});
/** A responder's own state. */
export const ResponderState = z.object({
  available: z.boolean(),
  cell: z.string().nullable(),
  qualifications: z.array(z.enum(QUALIFICATIONS)),
  dispatches: z.array(
    Dispatch.extend({ incident: Incident.pick({ id: true, category: true, locationText: true, point: true, status: true }) }),
  ),
});
/** Set a member's qualifications (until training issues them). */
export const SetQualificationsRequest = z.strictObject({
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length),
});
/** A member's qualifications as their coordinator sees them: set by hand, and from certifications valid now. */
export const MemberQualifications = z.object({
  accountId: Id,
  manual: z.array(z.enum(QUALIFICATIONS)),
  /** Through a course certification; `expiresAt` null means it never lapses. */
  certified: z.array(z.object({ qualification: z.enum(QUALIFICATIONS), expiresAt: Timestamp.nullable() })),
});
/** Qualifications of an organization's active members. */
export const MemberQualificationsList = z.object({ members: z.array(MemberQualifications) });
/** Response times of one incident, in seconds from the first report. */
export const ResponseTimes = z.object({
  incidentId: Id,
  firstReportedAt: Timestamp,
  toFirstAccept: z.number().nullable(),
  toOnScene: z.number().nullable(),
  toVerified: z.number().nullable(),
});
/** The response-time dashboard. */
export const ResponseDashboard = z.object({
  incidents: z.array(ResponseTimes),
  medians: z.object({
    toFirstAccept: z.number().nullable(),
    toOnScene: z.number().nullable(),
    toVerified: z.number().nullable(),
  }),
});

/** Anonymous alert subscription. */
export const CreateSubscriptionRequest = z
  .strictObject({
    channel: z.enum(ALERT_CHANNELS),
    /** Web Push subscription (channel push). */
    push: z
      .strictObject({
        endpoint: z.url().max(1000),
        keys: z.strictObject({ p256dh: z.string().max(200), auth: z.string().max(100) }),
      })
      .optional(),
    /** Phone number (channel sms). */
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/)
      .optional(),
    /** Email (channel email). */
    email: z.email().max(254).optional(),
    /** H3 cells (resolution 7) of the areas to watch ("near me", or picked on the map). */
    cells: z.array(AreaCell).max(50).default([]),
    /** Named areas of the network to watch, by id (from the public area list): "Phillips West". */
    areas: z.array(Id).max(20).default([]),
    language: LanguageSchema,
    /** Generic notification text that says nothing on a lock screen. */
    discreet: z.boolean().default(false),
  })
  .refine((s) => s.cells.length + s.areas.length > 0, { path: ['areas'], message: 'pick at least one area' });
/**
 * The answer to a subscribe. Web Push is active at once and its manage token is shown once
 * (to unsubscribe). SMS and email wait for the code sent to them; the answer is the same
 * whether or not that number or address was already subscribed, so it tells nothing.
 */
export const SubscriptionCreated = z.discriminatedUnion('confirmationRequired', [
  z.object({ confirmationRequired: z.literal(false), id: Id, manageToken: z.string() }),
  z.object({ confirmationRequired: z.literal(true) }),
]);
/** Confirm an SMS or email subscription with the code sent to it. */
export const ConfirmSubscriptionRequest = z.strictObject({
  channel: z.enum(['sms', 'email']),
  /** The phone number subscribed (channel sms). */
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/)
    .optional(),
  /** The email address subscribed (channel email). */
  email: z.email().max(254).optional(),
  /** The six-digit code. */
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/),
});
/** A confirmed subscription and its manage token (shown once, to unsubscribe). */
export const SubscriptionConfirmed = z.object({ id: Id, manageToken: z.string() });
/** A dispatcher's update to the subscribers of an alerted incident. */
export const AlertUpdateRequest = z.strictObject({ preset: z.enum(ALERT_UPDATE_PRESETS) });
/** The update as queued. */
export const AlertUpdateSent = z.object({ alertId: Id, recipients: z.number().int() });
/**
 * Who an incident's alert reaches: confirmed subscribers of its area, counted by channel
 * (counts only: no subscriber's contact leaves the server). `alerted` is false until a
 * verified alert went out; the counts then say who it would reach.
 */
export const AlertReach = z.object({
  alerted: z.boolean(),
  total: z.number().int().min(0),
  byChannel: z.object({ push: z.number().int().min(0), sms: z.number().int().min(0), email: z.number().int().min(0) }),
});
/** Path parameters for managing an alert subscription by the token shown once. */
export const SubscriptionTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
/** The VAPID public key browsers subscribe to Web Push with. */
export const VapidPublicKey = z.object({ publicKey: z.string() });
/** A public alert (no precise location: the coarse area only). */
export const PublicAlert = z.object({
  id: Id,
  incidentId: Id,
  kind: z.enum(['verified', 'update', 'all_clear']),
  /** Which update (kind `update` only). */
  preset: z.enum(ALERT_UPDATE_PRESETS).nullable(),
  category: z.enum(REPORT_CATEGORIES),
  area: AreaCell,
  /** The named area ("Phillips West") and the place near it ("Lake St & Chicago Ave"), when known. */
  areaName: z.string().nullable(),
  placeName: z.string().nullable(),
  createdAt: Timestamp,
});
/** Recent public alerts. */
export const PublicAlertList = z.object({ alerts: z.array(PublicAlert) });
/** Path parameters for an incident. */
export const IncidentParams = z.strictObject({ slug: Slug, incidentId: Id });
/** Path parameters for a dispatch. */
export const DispatchParams = z.strictObject({ slug: Slug, dispatchId: Id });
/** Path parameters for a report. */
export const ReportParams = z.strictObject({ slug: Slug, reportId: Id });
