import { z } from 'zod';
import { LANGUAGES } from '../languages.ts';
import { MEMBERSHIP_STATUSES, ORG_ROLES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES, ORGANIZATION_TYPES } from '../roles.ts';
import { Id, LanguageSchema, Slug, Timestamp } from './common.ts';

/** An organization-level role. */
export const OrgRoleSchema = z.enum(ORG_ROLES as [string, ...string[]]);

/** How long each kind of record is kept. */
export const RetentionSettings = z.strictObject({
  /** Raw sighting reports and reporter contact, in hours. */
  rawReportsHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365),
  /** After this many days precise incident locations are coarsened. */
  incidentLocationDays: z.number().int().min(1).max(365),
  /** Closed family-support cases, in days. */
  closedCasesDays: z.number().int().min(1).max(3650),
  /** Audit log entries, in days. */
  auditDays: z.number().int().min(30).max(3650),
  /** Delivery addresses and requesters' contact, in days after the task closed (or the request was declined or merged). */
  careAddressDays: z.number().int().min(1).max(365),
});

/** A hotline phone number in E.164: a plus sign and 7 to 15 digits. */
export const HotlineNumber = z.string().regex(/^\+[0-9]{7,15}$/, 'must be + and 7 to 15 digits (E.164)');

/** Rapid-response tuning. */
export const RapidResponseSettings = z.strictObject({
  /** Reports closer than this (metres) and within the window cluster into one incident. */
  clusterRadiusMeters: z.number().int().min(50).max(5000),
  /** Time window for clustering, in minutes. */
  clusterWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  /** Seconds a notified responder has to answer before the search widens. */
  dispatchTimeoutSeconds: z.number().int().min(30).max(3600),
  /** Show verified alerts on a public map page. */
  publicAlertMap: z.boolean(),
  /** The network's hotline phone number (E.164: + and 7–15 digits), shown to reporters; null when it has none. */
  hotlineNumber: HotlineNumber.nullable(),
});

/** The care network's timers (issue 11); their own group, as they are no retention period. */
export const CareSettings = z.strictObject({
  /** Hours a claim request may wait for the owner before the task moves to the asking organization. */
  careClaimTransferHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** Days a claimed or assigned task may stay untouched before it is released to open. */
  careClaimReleaseDays: z.number().int().min(1).max(90),
});

/** Settings a network admin controls. */
export const NetworkSettings = z.strictObject({
  /** Languages the network works in (the first is its default). */
  languages: z.array(LanguageSchema).min(1).max(LANGUAGES.length),
  /** Vouches a new member needs before seeing anything sensitive. */
  vouchesRequired: z.number().int().min(0).max(5),
  /** Require coordinators and admins to sign in with a passkey. */
  requirePasskeyForCoordinators: z.boolean(),
  /** Retention periods. */
  retention: RetentionSettings,
  /** Rapid-response tuning. */
  rapidResponse: RapidResponseSettings,
  /** Disbursements above this amount (minor units: cents) need a second treasurer's approval. */
  fundsApprovalThresholdMinor: z.number().int().min(0).max(1_000_000_000),
  /** Whether a fund may go below zero (off: a payment larger than the balance is refused). */
  fundsAllowOverdraft: z.boolean(),
  /** Care network timers. */
  care: CareSettings,
});
/** A partial update of network settings. */
export const UpdateNetworkSettingsRequest = z.strictObject({
  /** Languages the network works in. */
  languages: NetworkSettings.shape.languages.optional(),
  /** Vouches a new member needs. */
  vouchesRequired: NetworkSettings.shape.vouchesRequired.optional(),
  /** Passkey rule for coordinators and admins. */
  requirePasskeyForCoordinators: z.boolean().optional(),
  /** Retention periods (each field optional). */
  retention: RetentionSettings.partial().strict().optional(),
  /** Rapid-response tuning (each field optional). */
  rapidResponse: RapidResponseSettings.partial().strict().optional(),
  /** The two-person threshold for disbursements, in minor units. */
  fundsApprovalThresholdMinor: NetworkSettings.shape.fundsApprovalThresholdMinor.optional(),
  /** Whether funds may go below zero. */
  fundsAllowOverdraft: z.boolean().optional(),
  /** Care network timers (each field optional). */
  care: CareSettings.partial().strict().optional(),
});

/** A network as its members see it. */
export const Network = z.object({
  /** Network id. */
  id: Id,
  /** URL slug. */
  slug: Slug,
  /** Name. */
  name: z.string(),
  /** IANA time zone used for dates and shifts. */
  timeZone: z.string(),
  /** Settings. */
  settings: NetworkSettings,
});

/** An organization in a network. */
export const Organization = z.object({
  /** Organization id. */
  id: Id,
  /** Name. */
  name: z.string(),
  /** formal or informal. */
  kind: z.enum(ORGANIZATION_KINDS),
  /** Type (union, mosque, block group…). */
  type: z.enum(ORGANIZATION_TYPES),
  /** pending until a network admin admits it. */
  status: z.enum(ORGANIZATION_STATUSES),
  /** Active members. */
  memberCount: z.number().int(),
  /** When it was created. */
  createdAt: Timestamp,
});
/** Organizations of a network. */
export const OrganizationList = z.object({ organizations: z.array(Organization) });
/** Create an organization (admin) or ask to join (anyone signed in). */
export const CreateOrganizationRequest = z.strictObject({
  /** Name. */
  name: z.string().trim().min(2).max(120),
  /** formal or informal. */
  kind: z.enum(ORGANIZATION_KINDS),
  /** Type. */
  type: z.enum(ORGANIZATION_TYPES),
});

/** A member of an organization as coordinators see them. */
export const Member = z.object({
  /** Membership id. */
  membershipId: Id,
  /** Account id. */
  accountId: Id,
  /** Name. */
  displayName: z.string(),
  /** Login email (a sensitive read: audited). */
  email: z.string(),
  /** Roles in this organization. */
  roles: z.array(OrgRoleSchema),
  /** pending, active or removed. */
  status: z.enum(MEMBERSHIP_STATUSES),
  /** Vouches received. */
  vouches: z.number().int(),
  /** When they joined. */
  joinedAt: Timestamp,
});
/** Members of an organization. */
export const MemberList = z.object({ members: z.array(Member) });
/** Replace a membership's roles. */
export const SetRolesRequest = z.strictObject({
  /** The complete set of roles. */
  roles: z.array(OrgRoleSchema).max(ORG_ROLES.length),
});

/** A pending member the caller may vouch for. */
export const PendingMember = z.object({
  /** Membership id. */
  membershipId: Id,
  /** Name. */
  displayName: z.string(),
  /** Login email, so vouchers can tell two people of the same name apart. */
  email: z.string(),
  /** Name of whoever created the invitation they used; null when they joined another way. */
  invitedByName: z.string().nullable(),
  /** Organization name. */
  organizationName: z.string(),
  /** Vouches received. */
  vouches: z.number().int(),
  /** Vouches needed in total. */
  required: z.number().int(),
  /** Whether the caller already vouched. */
  vouchedByMe: z.boolean(),
});
/** Pending members of a network. */
export const PendingMemberList = z.object({ pending: z.array(PendingMember) });
/** The state after a vouch. */
export const VouchResult = z.object({
  /** Membership status now. */
  status: z.enum(MEMBERSHIP_STATUSES),
  /** Vouches received. */
  vouches: z.number().int(),
  /** Vouches needed. */
  required: z.number().int(),
});

/** Create a single-use invitation link. */
export const CreateInvitationRequest = z.strictObject({
  /** Roles granted once the member is vouched for. */
  roles: z.array(OrgRoleSchema).min(1).max(ORG_ROLES.length),
  /** Hours until the link expires. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
});
/** An invitation as its creator sees it. */
export const Invitation = z.object({
  /** Invitation id. */
  id: Id,
  /** Roles it grants. */
  roles: z.array(OrgRoleSchema),
  /** Expiry. */
  expiresAt: Timestamp,
  /** open, used, revoked or expired. */
  state: z.enum(['open', 'used', 'revoked', 'expired']),
  /** When it was made. */
  createdAt: Timestamp,
});
/** A newly created invitation: the only time the token is shown. */
export const CreatedInvitation = Invitation.extend({
  /** Secret token (shown once). */
  token: z.string(),
  /** The link to send. */
  url: z.string(),
});
/** Invitations of an organization. */
export const InvitationList = z.object({ invitations: z.array(Invitation) });
/** Path parameters for an invitation. */
export const InvitationParams = z.strictObject({ slug: Slug, orgId: Id, invitationId: Id });
/** Path parameter with an invitation token. */
export const InvitationTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) });

/** One audit log entry. */
export const AuditEntry = z.object({
  /** Position in the chain. */
  seq: z.number().int(),
  /** What happened. */
  action: z.string(),
  /** Actor account id, when a person acted. */
  actorId: Id.nullable(),
  /** Kind of record. */
  targetType: z.string(),
  /** Record id. */
  targetId: z.string().nullable(),
  /** When. */
  createdAt: Timestamp,
});
/** A page of the audit log. */
export const AuditList = z.object({ entries: z.array(AuditEntry) });
