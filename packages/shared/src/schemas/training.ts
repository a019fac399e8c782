/** Request and response schemas of the training module. */
import { z } from 'zod';
import { AreaCell, Id, LanguageSchema, Slug, Timestamp } from './common.ts';
import { QUALIFICATIONS } from './rapid-response.ts';

/** When a course's certification is issued: on attendance, or when the trainer signs the person off. */
export const CERTIFICATION_ISSUE_ON = ['attendance', 'signoff'] as const;
/** How a certification came to be. 'manual': issued by a manager without a session (an audited override). */
export const CERTIFICATION_SOURCES = ['attendance', 'signoff', 'import', 'manual'] as const;
/** A certification's state at the moment it is read. */
export const CERTIFICATION_STATES = ['valid', 'expired', 'revoked'] as const;
/** A registration's state. */
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
/** A session's state. */
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
/** Problems a CSV import row can have (the web translates each). */
export const IMPORT_PROBLEMS = [
  'bad_csv',
  'too_many_rows',
  'missing',
  'unknown_person',
  'unknown_course',
  'bad_date',
  'future_date',
  'duplicate_row',
  'too_long',
  'missing_column',
] as const;

/** A course key: lowercase letters, digits and dashes (e.g. legal-observer). */
export const CourseKey = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
/** A local date and time in the network's time zone, to the minute: 2026-12-05T18:30. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** A course as everyone in the network sees it. */
export const Course = z.object({
  id: Id,
  key: CourseKey,
  name: z.string(),
  description: z.string(),
  /** Months a certification stays valid; null: never expires. */
  validityMonths: z.number().int().nullable(),
  /** Dispatch qualification the certification grants, if any. */
  qualification: z.enum(QUALIFICATIONS).nullable(),
  /** Whether attendance alone certifies, or the trainer's sign-off. */
  issueOn: z.enum(CERTIFICATION_ISSUE_ON),
  /** Course ids whose certification must be held to register. */
  prerequisites: z.array(Id),
  /** Archived courses take no new sessions. */
  archived: z.boolean(),
});
/** The network's courses. */
export const CourseList = z.object({ courses: z.array(Course) });

/** A new course. */
export const CreateCourseRequest = z.strictObject({
  key: CourseKey,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  /** Null or absent: never expires. */
  validityMonths: z.number().int().min(1).max(120).nullable().default(null),
  qualification: z.enum(QUALIFICATIONS).nullable().default(null),
  issueOn: z.enum(CERTIFICATION_ISSUE_ON).default('attendance'),
  prerequisites: z.array(Id).max(10).default([]),
});
/** Changes to a course (its key never changes). */
export const UpdateCourseRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  validityMonths: z.number().int().min(1).max(120).nullable().optional(),
  qualification: z.enum(QUALIFICATIONS).nullable().optional(),
  issueOn: z.enum(CERTIFICATION_ISSUE_ON).optional(),
  prerequisites: z.array(Id).max(10).optional(),
  archived: z.boolean().optional(),
});
/** Path parameters for a course. */
export const CourseParams = z.strictObject({ slug: Slug, courseId: Id });

/** The caller's own place in a session. */
export const MyRegistration = z.object({
  status: z.enum(REGISTRATION_STATUSES).nullable(),
  /** 1 for the first person waiting; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
});

/** A training session as members see it. */
export const TrainingSession = z.object({
  id: Id,
  course: z.object({ id: Id, key: CourseKey, name: z.string(), issueOn: z.enum(CERTIFICATION_ISSUE_ON) }),
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** Start and end as wall-clock time in the network's zone (what people read on a flyer). */
  startsAtLocal: LocalDateTime,
  endsAtLocal: LocalDateTime,
  timeZone: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  language: LanguageSchema,
  capacity: z.number().int(),
  trainer: z.object({ id: Id, displayName: z.string() }),
  status: z.enum(SESSION_STATUSES),
  /** Places taken (registered people, walk-ins included). */
  registered: z.number().int(),
  /** People waiting for a place. */
  waitlisted: z.number().int(),
  attendanceSavedAt: Timestamp.nullable(),
  mine: MyRegistration,
});
/** Sessions, soonest first. */
export const TrainingSessionList = z.object({ sessions: z.array(TrainingSession) });
/** Which sessions to list. */
export const TrainingSessionQuery = z.strictObject({
  /** 'upcoming' (default): not yet ended; 'past': ended in the last year. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  courseId: Id.optional(),
});

/** A new session; times are wall-clock in the network's time zone. */
export const CreateSessionRequest = z
  .strictObject({
    courseId: Id,
    startsAtLocal: LocalDateTime,
    endsAtLocal: LocalDateTime,
    place: z.string().trim().min(1).max(300).optional(),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    language: LanguageSchema,
    capacity: z.number().int().min(1).max(1000),
    /** Defaults to the person creating it. */
    trainerAccountId: Id.optional(),
  })
  .refine((s) => s.place || s.onlineUrl, { message: 'place or onlineUrl', path: ['place'] });
/** Changes to a session; raising the capacity fills places from the waitlist. */
export const UpdateSessionRequest = z.strictObject({
  startsAtLocal: LocalDateTime.optional(),
  endsAtLocal: LocalDateTime.optional(),
  place: z.string().trim().min(1).max(300).nullable().optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  language: LanguageSchema.optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  trainerAccountId: Id.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
});
/** Path parameters for a session. */
export const SessionParams = z.strictObject({ slug: Slug, sessionId: Id });

/** Registering for a session. */
export const RegisterRequest = z.strictObject({
  /** When the session is full: true joins the waitlist; false (default) answers 409 full. */
  joinWaitlist: z.boolean().default(false),
});

/** One person on a session's roster, as the trainer sees it. */
export const RosterEntry = z.object({
  accountId: Id,
  displayName: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  walkIn: z.boolean(),
  attended: z.boolean(),
  signedOff: z.boolean(),
  /** Holds a certification for this course valid now (from this session or another). */
  certified: z.boolean(),
});
/** A session with its roster. */
export const SessionRoster = z.object({ session: TrainingSession, people: z.array(RosterEntry) });

/** Attendance as the trainer ticks it on the phone. */
export const SaveAttendanceRequest = z.strictObject({
  /** Everyone present; people not on the roster are added as walk-ins (they must be active members). */
  present: z.array(Id).max(2000),
  /** Of those present, the ones the trainer signs off (courses certified on sign-off). */
  signedOff: z.array(Id).max(2000).default([]),
});
/** What saving attendance did. */
export const SaveAttendanceResult = z.object({
  roster: SessionRoster,
  /** Certifications issued by this save. */
  issued: z.number().int(),
  /** Certifications withdrawn because a tick was removed. */
  withdrawn: z.number().int(),
});

/** Members matching a name or email, for adding walk-ins (managers only). */
export const PeopleSearchQuery = z.strictObject({ q: z.string().trim().max(100).default('') });
/** People found. */
export const PeopleList = z.object({ people: z.array(z.object({ accountId: Id, displayName: z.string() })) });

/** A certification. */
export const Certification = z.object({
  id: Id,
  accountId: Id,
  displayName: z.string(),
  course: z.object({ id: Id, key: CourseKey, name: z.string() }),
  source: z.enum(CERTIFICATION_SOURCES),
  sessionId: Id.nullable(),
  issuedAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  state: z.enum(CERTIFICATION_STATES),
});
/** Certifications, newest first. */
export const CertificationList = z.object({ certifications: z.array(Certification) });
/** Which certifications a manager lists. */
export const CertificationListQuery = z.strictObject({ accountId: Id.optional(), courseId: Id.optional() });
/** A manager issues a certification directly (an audited override, e.g. training done elsewhere). */
export const IssueCertificationRequest = z.strictObject({
  accountId: Id,
  courseId: Id,
  /** Why, kept in the audit log. */
  reason: z.string().trim().min(3).max(500),
});
/** Revoking a certification. */
export const RevokeCertificationRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) });
/** Path parameters for a certification. */
export const CertificationParams = z.strictObject({ slug: Slug, certificationId: Id });

/** The training dashboard. */
export const TrainingDashboard = z.object({
  timeZone: z.string(),
  /** Monday (network zone) of each of the last weeks, oldest first. */
  weeks: z.array(z.string()),
  /** People certified per week, course and organization (a person in two organizations counts in each). */
  trained: z.array(z.object({ week: z.string(), courseId: Id, organizationId: Id, people: z.number().int() })),
  /** People certified per week, all organizations (each person once). */
  trainedTotal: z.array(z.object({ week: z.string(), people: z.number().int() })),
  courses: z.array(z.object({ id: Id, name: z.string() })),
  organizations: z.array(z.object({ id: Id, name: z.string() })),
  /** Upcoming sessions with their fill. */
  upcoming: z.array(
    z.object({
      id: Id,
      courseName: z.string(),
      startsAtLocal: LocalDateTime,
      capacity: z.number().int(),
      registered: z.number().int(),
      waitlisted: z.number().int(),
    }),
  ),
  /** Responders available now holding a valid certification, per course and coarse area (never positions). */
  availableCertified: z.array(z.object({ area: AreaCell, courseId: Id, responders: z.number().int() })),
});

/** A CSV file of past attendance: columns email, course, date (YYYY-MM-DD); name optional. */
export const ImportRequest = z.strictObject({ csv: z.string().min(1).max(2_000_000) });
/** One problem in one row of an import. */
export const ImportProblem = z.object({
  /** Line in the file (the header is line 1). */
  row: z.number().int(),
  column: z.string(),
  problem: z.enum(IMPORT_PROBLEMS),
  /** The value as typed (never for unknown emails: we do not echo addresses of non-members). */
  value: z.string().nullable(),
});
/** A preview of an import: what would be recorded, and every problem. */
export const ImportPreview = z.object({
  /** False when any row has a problem: then nothing can be imported. */
  acceptable: z.boolean(),
  rows: z.number().int(),
  /** Rows that would add a certification. */
  toImport: z.array(
    z.object({
      row: z.number().int(),
      displayName: z.string(),
      courseName: z.string(),
      date: z.string(),
      expiresAt: Timestamp.nullable(),
    }),
  ),
  /** Rows already recorded (same person, course and date): skipped. */
  alreadyRecorded: z.number().int(),
  problems: z.array(ImportProblem),
});
/** What an import recorded. */
export const ImportResult = z.object({ imported: z.number().int(), alreadyRecorded: z.number().int() });
