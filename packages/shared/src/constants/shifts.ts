// The shifts lists without zod, for the web bundle (see src/runtime.ts).

/** Kinds of watch site. */
export const SITE_KINDS = [
  'school',
  'mosque',
  'church',
  'synagogue',
  'temple',
  'workplace',
  'courthouse',
  'check_in_office',
  'clinic',
  'other',
] as const;
/** A sign-up's state: on the shift, waiting for a place, or no longer on it. */
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'swapped'] as const;
/** A slot's coverage in a week view: gaps first. */
export const COVERAGE_STATES = ['empty', 'short', 'filled'] as const;
