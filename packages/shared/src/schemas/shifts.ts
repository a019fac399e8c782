/** Request and response schemas of the shifts module. */
import { z } from 'zod';
import { SHARING_SCOPES } from '../roles.ts';
import { Id, LanguageSchema, Slug, Timestamp } from './common.ts';
import { SITE_KINDS, SIGNUP_STATUSES, COVERAGE_STATES } from '../constants/shifts.ts';

export * from '../constants/shifts.ts';

/** A local date, YYYY-MM-DD, in the network's time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // A real calendar day (no 2026-02-30, no year 0000), between 1970 and 2200.
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1970-01-01' && s < '2200-01-01';
  });
/** A local wall-clock time, HH:MM (24 h), in the network's time zone. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Path parameters naming a site. */
export const SiteParams = z.strictObject({ slug: Slug, siteId: Id });
/** Path parameters naming a shift series. */
export const SeriesParams = z.strictObject({ slug: Slug, seriesId: Id });
/** Path parameters naming a shift occurrence. */
export const OccurrenceParams = z.strictObject({ slug: Slug, occurrenceId: Id });
/** Path parameters naming a slot of an occurrence. */
export const OccurrenceSlotParams = z.strictObject({ slug: Slug, occurrenceId: Id, slotId: Id });
/** Path parameters naming a sign-up. */
export const SignupParams = z.strictObject({ slug: Slug, signupId: Id });

/** Create or replace a site (public place: its address and point are not secret). */
export const SiteInput = z.strictObject({
  /** Owning organization: its coordinators manage the site. */
  organizationId: Id,
  /** Name volunteers know it by. */
  name: z.string().trim().min(1).max(200),
  /** What kind of place. */
  kind: z.enum(SITE_KINDS),
  /** Street address. */
  address: z.string().trim().min(1).max(300),
  /** Map point. */
  lat: z.number().min(-90).max(90),
  /** Map point. */
  lng: z.number().min(-180).max(180),
  /** Who beyond the owner sees it. */
  sharing: z.enum(SHARING_SCOPES).default('network'),
  /** For sharing 'organizations': which ones. */
  sharedWith: z.array(Id).max(50).default([]),
  /** Where to stand, who the contact on site is (stored encrypted). */
  notes: z.string().trim().max(2000).default(''),
  /** Languages volunteers there should speak. */
  languages: z.array(LanguageSchema).max(5).default([]),
});
/** A site as members see it (notes only in the detail). */
export const Site = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  sharing: z.enum(SHARING_SCOPES),
  sharedWith: z.array(Id),
  languages: z.array(LanguageSchema),
  /** Whether the caller may edit it and plan its shifts. */
  canManage: z.boolean(),
});
/** A site with its notes for volunteers. */
export const SiteDetail = Site.extend({ notes: z.string() });
/** The sites a member can see. */
export const SiteList = z.object({ sites: z.array(Site) });

/** CSV import of sites into one organization: preview (nothing written) or commit (all or nothing). */
export const SiteImportRequest = z.strictObject({
  /** Owning organization of every imported site. */
  organizationId: Id,
  /** The CSV text: name,kind,address,lat,lng[,languages][,notes]. */
  csv: z.string().min(1).max(2_000_000),
  /** false: preview only. */
  commit: z.boolean().default(false),
});
/** One row's problems, in the caller's language. */
export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
/** What an import found (and, on commit, wrote). */
export const SiteImportResult = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(ImportRowError),
  preview: z.array(z.object({ row: z.number().int(), name: z.string(), kind: z.string(), address: z.string() })),
  imported: z.number().int(),
});

/** One slot of a shift: how many people, needing which certification. */
export const SlotInput = z.strictObject({
  /** What this group does ("Legal observer at the door"). */
  label: z.string().trim().max(120).optional(),
  /** People needed. */
  peopleNeeded: z.number().int().min(1).max(100),
  /** Training course whose valid certification is required, or none. */
  courseId: Id.nullable().default(null),
});
/** Create a shift at a site: one-off, or recurring by an RFC 5545 RRULE, in the network's time zone. */
export const CreateShiftRequest = z.strictObject({
  /** What the shift is ("School drop-off"). */
  title: z.string().trim().min(1).max(200),
  /** First (or only) day, local. */
  startDate: LocalDate,
  /** Start, local wall clock; stays the same across daylight-saving changes. */
  startTime: LocalTime,
  /** End, local; earlier than start means the next day. */
  endTime: LocalTime,
  /** RRULE body without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"; absent for a one-off. */
  rrule: z.string().trim().max(500).optional(),
  /** Local dates left out (holidays). */
  exceptions: z.array(LocalDate).max(366).default([]),
  /** Slots with their needs. */
  slots: z.array(SlotInput).min(1).max(10),
  /** Volunteers may cancel until this many hours before the start. */
  cancelCutoffHours: z.number().int().min(0).max(168).default(12),
  /** Minutes after the start without a check-in before the coordinator hears of a no-show. */
  noShowGraceMinutes: z.number().int().min(1).max(240).default(15),
  /** Reminders before the start, in minutes (e.g. 1440 and 60). */
  reminderMinutes: z.array(z.number().int().min(5).max(10080)).max(4).default([1440, 60]),
});
/** Add or remove an exception date of a series. */
export const ExceptionRequest = z.strictObject({ date: LocalDate, remove: z.boolean().default(false) });
/** A series as created. */
export const ShiftSeries = z.object({
  id: Id,
  siteId: Id,
  title: z.string(),
  startDate: LocalDate,
  startTime: LocalTime,
  endTime: LocalTime,
  rrule: z.string().nullable(),
  exceptions: z.array(LocalDate),
  timeZone: z.string(),
  slots: z.array(z.object({ id: Id, label: z.string().nullable(), peopleNeeded: z.number().int(), courseId: Id.nullable() })),
  /** Occurrences materialized so far. */
  occurrences: z.number().int(),
  /** No dates on or after this local date: an edit continued the shift as another series. */
  endsBefore: LocalDate.nullable(),
  /** The series this one continues (after an edit "from a date on"). */
  continuesSeriesId: Id.nullable(),
  /** The next dates still ahead, not skipped (at most 20): what a coordinator can skip or change. */
  upcoming: z.array(LocalDate),
});
/** The shifts planned at a site (each series, current first). */
export const SeriesList = z.object({ series: z.array(ShiftSeries) });
/** A slot when editing a series: `id` keeps an existing slot (and its people); without it, a new one. */
export const EditSlotInput = SlotInput.extend({ id: Id.optional() });
/**
 * Change a shift from a date on: new times, title and slots. Earlier dates keep what they
 * were; the series continues as a new one from the first date on or after `fromDate`.
 */
export const EditSeriesRequest = z.strictObject({
  /** First local date the change applies to (today or later). */
  fromDate: LocalDate,
  title: z.string().trim().min(1).max(200),
  startTime: LocalTime,
  endTime: LocalTime,
  /** An existing slot keeps its certification; to require another one, remove it and add a new slot. */
  slots: z.array(EditSlotInput).min(1).max(10),
});
/** What an edit did to people on the changed dates. */
export const EditSeriesResult = z.object({
  series: ShiftSeries,
  /** Dates changed. */
  dates: z.number().int(),
  /** People told: still on with new details, moved off (fewer places or slot removed), moved up from the waitlist. */
  told: z.object({ changed: z.number().int(), off: z.number().int(), on: z.number().int() }),
});

/** One slot of one occurrence, with its fill and the caller's standing. */
export const OccurrenceSlot = z.object({
  id: Id,
  label: z.string().nullable(),
  peopleNeeded: z.number().int(),
  courseId: Id.nullable(),
  courseName: z.string().nullable(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  /** Whether the caller holds the required certification now. */
  eligible: z.boolean(),
  /** Sign-ups offered for swap that the caller could take. */
  swapOffers: z.array(Id),
  /** People on it (coordinators only; empty for others). */
  people: z.array(
    z.object({
      signupId: Id,
      accountId: Id,
      displayName: z.string(),
      status: z.enum(SIGNUP_STATUSES),
      checkedInAt: Timestamp.nullable(),
      checkedOutAt: Timestamp.nullable(),
      overridden: z.boolean(),
    }),
  ),
});
/** One occurrence of a shift. */
export const Occurrence = z.object({
  id: Id,
  seriesId: Id,
  siteId: Id,
  siteName: z.string(),
  siteKind: z.enum(SITE_KINDS),
  address: z.string(),
  title: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  localDate: LocalDate,
  timeZone: z.string(),
  slots: z.array(OccurrenceSlot),
  /** The caller's own sign-up, if any. */
  mine: z
    .object({
      signupId: Id,
      slotId: Id,
      status: z.enum(SIGNUP_STATUSES),
      swapOffered: z.boolean(),
      checkedInAt: Timestamp.nullable(),
      checkedOutAt: Timestamp.nullable(),
    })
    .nullable(),
  /** Whether the caller coordinates this site. */
  canManage: z.boolean(),
});
/** A list of occurrences. */
export const OccurrenceList = z.object({ shifts: z.array(Occurrence) });
/** Which open shifts to list. */
export const OpenShiftsQuery = z.strictObject({
  /** near: around my home area; mine: my organizations' sites; all: every site I can see. */
  where: z.enum(['near', 'mine', 'all']).default('all'),
  /** How many days ahead. */
  days: z.coerce.number().int().min(1).max(60).default(14),
});

/** A coordinator assigns someone directly, optionally overriding the certification (audited). */
export const AssignRequest = z.strictObject({ accountId: Id, overrideCertification: z.boolean().default(false) });
/** A sign-up as changed by an action. */
export const Signup = z.object({
  id: Id,
  occurrenceId: Id,
  slotId: Id,
  accountId: Id,
  status: z.enum(SIGNUP_STATUSES),
  swapOffered: z.boolean(),
  checkedInAt: Timestamp.nullable(),
  checkedOutAt: Timestamp.nullable(),
});

/** Coverage query: the week starting at a local date (default: this week's Monday). */
export const CoverageQuery = z.strictObject({
  week: LocalDate.optional(),
  siteId: Id.optional(),
  /** How many cells to list (gaps come first; totals always count every slot). */
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
/** Coverage of one slot of one occurrence. */
export const CoverageCell = z.object({
  occurrenceId: Id,
  slotId: Id,
  siteId: Id,
  siteName: z.string(),
  title: z.string(),
  slotLabel: z.string().nullable(),
  courseName: z.string().nullable(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  localDate: LocalDate,
  needed: z.number().int(),
  confirmed: z.number().int(),
  state: z.enum(COVERAGE_STATES),
});
/** A week of coverage, gaps first (empty, then short, then filled; each by time). */
export const Coverage = z.object({
  weekStart: LocalDate,
  timeZone: z.string(),
  totals: z.object({ empty: z.number().int(), short: z.number().int(), filled: z.number().int() }),
  cells: z.array(CoverageCell),
  /** Cells beyond the limit, not listed (the least urgent ones). */
  more: z.number().int(),
});
/** Who is checked in right now, per site. */
export const OnSiteNow = z.object({
  people: z.array(
    z.object({
      siteId: Id,
      siteName: z.string(),
      occurrenceId: Id,
      accountId: Id,
      displayName: z.string(),
      checkedInAt: Timestamp,
    }),
  ),
});
/** Result of a call for help. */
export const CallForHelpResult = z.object({ notified: z.number().int() });

/** A calendar feed's state; the URL is shown only when created. */
export const CalendarFeed = z.object({ active: z.boolean(), createdAt: Timestamp.nullable(), url: z.string().nullable() });
/** Export range (local dates). */
export const ExportQuery = z.strictObject({ from: LocalDate.optional(), to: LocalDate.optional() });

/** Path parameter of a public calendar feed. */
export const FeedParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) });
