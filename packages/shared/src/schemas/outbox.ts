import { z } from 'zod';
import { ALERT_UPDATE_PRESETS, REPORT_CATEGORIES } from '../constants/rapid-response.ts';

// What each module writes into the outbox, to be rendered in the recipient's language when
// it is sent. The server writes only these (insertOutboxRows takes OutboxPayload) and the
// outbox worker parses each row with them before rendering: a row that does not parse is
// given up, never half-rendered. Recipients are never in a payload (they are encrypted
// beside it).

/** A verified alert, an update to it, or the all-clear, for one subscriber. */
export const AlertOutboxPayload = z.object({
  type: z.literal('alert'),
  kind: z.enum(['verified', 'update', 'all_clear']),
  alertId: z.string(),
  preset: z.enum(ALERT_UPDATE_PRESETS).nullable(),
  category: z.enum(REPORT_CATEGORIES),
  /** The alert's area cell. */
  area: z.string(),
  /** Where, in words (rows written before places existed have none). */
  areaName: z.string().nullish(),
  placeName: z.string().nullish(),
  incidentId: z.string(),
  language: z.string(),
  discreet: z.boolean(),
  subscriptionId: z.string(),
});

/** A confirmation code for a subscription waiting for one (the code encrypted with the contact key). */
export const AlertConfirmOutboxPayload = z.object({
  type: z.literal('alert'),
  kind: z.literal('confirm'),
  codeEnc: z.string(),
  language: z.string(),
  subscriptionId: z.string(),
});

/** "You are asked to respond": names the kind of report, never the place. */
export const DispatchOutboxPayload = z.object({
  type: z.literal('dispatch'),
  dispatchId: z.string(),
  incidentId: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  language: z.string(),
});

/** The kinds of watch-shift notices. */
export const SHIFT_NOTICE_KINDS = [
  'reminder',
  'promoted',
  'assigned',
  'swap',
  'help',
  'noShow',
  'skipped',
  'restored',
  'changed',
  'off',
  'on',
] as const;

/** A watch-shift notice (reminder, waitlist promotion, swap, help wanted, no-show, change). */
export const ShiftOutboxPayload = z.object({
  type: z.literal('shift'),
  kind: z.enum(SHIFT_NOTICE_KINDS),
  language: z.string(),
  timeZone: z.string(),
  title: z.string(),
  site: z.string(),
  startsAt: z.string(),
  /** Path in the app the notice links to. */
  path: z.string(),
  count: z.number().int().optional(),
  names: z.string().optional(),
});

/** The kinds of training notices. */
export const TRAINING_NOTICE_KINDS = [
  'session_reminder',
  'waitlist_promoted',
  'expiry_reminder',
  'session_cancelled',
  'session_changed',
] as const;

/** A training notice (session reminder, waitlist promotion, expiry reminder, session cancelled or changed). */
export const TrainingOutboxPayload = z.object({
  type: z.literal('training'),
  kind: z.enum(TRAINING_NOTICE_KINDS),
  language: z.string(),
  course: z.string(),
  /** Instant the notice is about (session start, or expiry). */
  at: z.string(),
  timeZone: z.string(),
  /** The network's slug, for the link to its training page. */
  slug: z.string(),
  /** Where the session is now (its place, or its online link): session_changed only. */
  where: z.string().optional(),
});

/** A ride reminder (24 h or 1 h before) to its driver or accompanier: the kind, time and coarse area, never an address. */
export const CareRideOutboxPayload = z.object({
  type: z.literal('care_ride'),
  kind: z.literal('reminder'),
  /** How long before the start: 1440 or 60 minutes. */
  minutes: z.number().int(),
  role: z.enum(['driver', 'accompanier']),
  rideKind: z.string(),
  language: z.string(),
  timeZone: z.string(),
  startsAt: z.string(),
  /** The coarse area's name, if the gazetteer knows it. */
  area: z.string().nullable(),
  /** The network's slug, for the link to the rides page. */
  slug: z.string(),
});

/** The steps a care requester is told of, and what a claiming organization is told. */
export const CARE_NOTICE_KINDS = ['accepted', 'declined', 'claimed', 'assigned', 'delivered', 'failed', 'released'] as const;

/**
 * A care notice: to a requester at each step (in discreet mode only the reference travels), or
 * to the coordinators of an organization whose task was released. Never an address.
 */
export const CareOutboxPayload = z.object({
  type: z.literal('care'),
  kind: z.enum(CARE_NOTICE_KINDS),
  language: z.string(),
  discreet: z.boolean(),
  /** The receipt code (public requests) or a short reference. */
  reference: z.string(),
  /** What was asked for (a care kind): not in discreet mode. */
  careKind: z.string().optional(),
  /** The organization that took it: not in discreet mode. */
  organization: z.string().optional(),
  /** A decline or failure reason: not in discreet mode. */
  reason: z.string().optional(),
  /** Days a released task stood untouched (released only). */
  days: z.number().int().optional(),
});

/** Every outbox payload. */
export const OutboxPayload = z.union([
  AlertOutboxPayload,
  AlertConfirmOutboxPayload,
  DispatchOutboxPayload,
  ShiftOutboxPayload,
  TrainingOutboxPayload,
  CareRideOutboxPayload,
  CareOutboxPayload,
]);
