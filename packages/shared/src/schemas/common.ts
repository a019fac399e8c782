import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';
import { cellResolution } from '../h3-cell.ts';
import { LANGUAGES } from '../languages.ts';

/** A UUIDv7 (or any UUID) identifier. */
export const Id = z.uuid();
/** A supported language code. */
export const LanguageSchema = z.enum(LANGUAGES);
/** An ISO-8601 timestamp string (UTC). */
export const Timestamp = z.iso.datetime();
/** A network slug: lowercase letters, digits and dashes. */
export const Slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
/**
 * The finest H3 resolution any stored area may have: resolution 8 hexagons are about
 * 0.7 km², so a home area or a responder's availability never pins a house. The web
 * app sends 8 for availability and 7 for alert areas.
 */
export const MAX_AREA_RESOLUTION = 8;
/** A coarse area: a valid H3 cell index at resolution 8 or coarser (never a precise point). */
export const AreaCell = z
  .string()
  .regex(/^[0-9a-f]{15}$/)
  .refine((cell) => (cellResolution(cell) ?? Infinity) <= MAX_AREA_RESOLUTION, {
    message: `must be an H3 cell at resolution ${MAX_AREA_RESOLUTION} or coarser`,
  });

/** The body of every error response. */
export const ErrorResponse = z.object({
  error: z.object({
    /** Stable snake_case code clients switch on. */
    code: z.enum(ERROR_CODES),
    /** Message in the caller's language. */
    message: z.string(),
    /** Optional structured detail, e.g. which fields failed. */
    details: z.unknown().optional(),
  }),
});

/** Path parameter for a network. */
export const NetworkParams = z.strictObject({ slug: Slug });
/** Path parameters for an organization in a network. */
export const OrganizationParams = z.strictObject({ slug: Slug, orgId: Id });
/** Path parameters for a membership in a network. */
export const MembershipParams = z.strictObject({ slug: Slug, membershipId: Id });
/** Path parameter holding one id. */
export const IdParams = z.strictObject({ id: Id });
/** An empty success body. */
export const Ok = z.object({ ok: z.literal(true) });
