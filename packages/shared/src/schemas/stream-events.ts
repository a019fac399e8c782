/**
 * What the server pushes over Server-Sent Events (and between app processes over
 * PostgreSQL NOTIFY): one schema per event, on its SSE event name. Each body is built
 * from the DTO the REST API returns for the same thing, so a live update and a fresh
 * read always have one shape. The web app validates what it receives with these; the
 * server's contract test (test/contracts/stream-events.api.test.ts) parses every event
 * real flows publish.
 */
import { z } from 'zod';
import { QUALIFICATIONS } from '../constants/rapid-response.ts';
import { AreaCell, Id, LanguageSchema } from './common.ts';
import { Dispatch, Incident, PublicAlert, Report } from './rapid-response.ts';

/** A report came in (dispatcher stream): the incident it joined follows as `incident.updated`. */
export const ReportCreatedEvent = z.object({
  type: z.literal('report.created'),
  data: z.object({ report: Report }),
});

/** An incident's new state, in full, as the queue lists it (dispatcher stream). */
export const IncidentUpdatedEvent = z.object({
  type: z.literal('incident.updated'),
  data: z.object({ incident: Incident }),
});

/** A dispatch was sent or answered (dispatcher stream; a responder's own on theirs). */
export const DispatchUpdatedEvent = z.object({
  type: z.literal('dispatch.updated'),
  data: z.object({ dispatch: Dispatch }),
});

/** An alert went out (public alert stream): coarse area only, as the public list shows it. */
export const AlertPublishedEvent = z.object({
  type: z.literal('alert.published'),
  data: z.object({ alert: PublicAlert }),
});

/**
 * A responder's availability changed. Between app processes only (their responder
 * indexes): no browser stream forwards it. The cell is coarse (H3, resolution 8).
 */
export const ResponderChange = z.object({
  accountId: Id,
  available: z.boolean(),
  /** Null when unavailable: the cell is dropped. */
  cell: AreaCell.nullable(),
  /** Set by hand by a coordinator. */
  qualifications: z.array(z.enum(QUALIFICATIONS)),
  /** Languages the responder speaks. */
  languages: z.array(LanguageSchema),
  /** From certifications valid now; `expiresAt` in epoch milliseconds, null for never. */
  certified: z.array(z.object({ qualification: z.enum(QUALIFICATIONS), expiresAt: z.number().int().nullable() })).optional(),
});

/** See ResponderChange. */
export const ResponderUpdatedEvent = z.object({
  type: z.literal('responder.updated'),
  data: ResponderChange,
});

/** Any event a stream may carry, told apart by `type` (the SSE event name). */
export const StreamEvent = z.discriminatedUnion('type', [
  ReportCreatedEvent,
  IncidentUpdatedEvent,
  DispatchUpdatedEvent,
  AlertPublishedEvent,
  ResponderUpdatedEvent,
]);
