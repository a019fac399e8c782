/** Request and response schemas of the training module. */
import { z } from 'zod';
import { Id } from './common.ts';
import { QUALIFICATIONS } from './rapid-response.ts';

/** When a course's certification is issued: on attendance, or when the trainer signs the person off. */
export const CERTIFICATION_ISSUE_ON = ['attendance', 'signoff'] as const;

/** A course key: lowercase letters, digits and dashes (e.g. legal-observer). */
export const CourseKey = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);

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
  issueOn: z.enum(CERTIFICATION_ISSUE_ON),
  /** Course ids whose certification must be held to register. */
  prerequisites: z.array(Id),
  archived: z.boolean(),
});
/** The network's courses. */
export const CourseList = z.object({ courses: z.array(Course) });
