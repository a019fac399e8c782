import { z } from 'zod';
import { ROLES, ORG_ROLES, MEMBERSHIP_STATUSES } from '../roles.ts';
import { AreaCell, Id, LanguageSchema, Slug, Timestamp } from './common.ts';

/** Login email, normalized to lower case. */
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());
/** A new password: long enough to resist guessing; no composition rules (NIST 800-63B). */
export const NewPassword = z.string().min(12).max(256);

/** Email + password sign-in. */
export const SignInRequest = z.strictObject({
  /** Login email. */
  email: Email,
  /** Password as typed. */
  password: z.string().min(1).max(256),
});

/** Channels a person can be reached on, and their contact details. */
export const NotificationChannels = z.strictObject({
  /** Receive notifications by email (the login email). */
  email: z.boolean(),
  /** Receive notifications by SMS. */
  sms: z.boolean(),
  /** Receive web push notifications. */
  push: z.boolean(),
  /** Phone number for SMS (stored encrypted). */
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{7,20}$/)
    .nullable(),
});

/** One of the caller's memberships. */
export const MyMembership = z.object({
  /** Membership id. */
  id: Id,
  /** Organization id. */
  organizationId: Id,
  /** Organization name. */
  organizationName: z.string(),
  /** Roles held in this organization. */
  roles: z.array(z.enum(ORG_ROLES as [string, ...string[]])),
  /** pending until vouched for. */
  status: z.enum(MEMBERSHIP_STATUSES),
});

/** A network the caller belongs to. */
export const MyNetwork = z.object({
  /** Network id. */
  id: Id,
  /** Network slug. */
  slug: Slug,
  /** Network name. */
  name: z.string(),
  /** Whether the caller administers this network. */
  isAdmin: z.boolean(),
  /** The caller's memberships in this network's organizations. */
  memberships: z.array(MyMembership),
});

/** The signed-in person. */
export const Me = z.object({
  /** Account id. */
  id: Id,
  /** Login email. */
  email: z.string(),
  /** Name shown to others. */
  displayName: z.string(),
  /** Interface language. */
  language: LanguageSchema,
  /** Languages the person speaks (for dispatch and alerts). */
  languagesSpoken: z.array(LanguageSchema),
  /** Coarse home area (H3 cell), never a precise location. */
  homeArea: AreaCell.nullable(),
  /** Notification channels. */
  notificationChannels: NotificationChannels,
  /** Deployment administrator (can unseal the server). */
  isDeploymentAdmin: z.boolean(),
  /** Whether a passkey is required for this account to sign in. */
  passkeyRequired: z.boolean(),
  /** Networks and memberships. */
  networks: z.array(MyNetwork),
});

/** Profile changes the person can make. */
export const UpdateProfileRequest = z.strictObject({
  /** Name shown to others. */
  displayName: z.string().trim().min(1).max(80).optional(),
  /** Interface language. */
  language: LanguageSchema.optional(),
  /** Languages the person speaks. */
  languagesSpoken: z.array(LanguageSchema).max(10).optional(),
  /** Coarse home area as an H3 cell; null clears it. */
  homeArea: AreaCell.nullable().optional(),
  /** Notification channels. */
  notificationChannels: NotificationChannels.optional(),
});

/** Change password. */
export const ChangePasswordRequest = z.strictObject({
  /** Current password. */
  currentPassword: z.string().min(1).max(256),
  /** New password. */
  newPassword: NewPassword,
});

/** One active session of the caller. */
export const SessionSummary = z.object({
  /** Session id (not the token). */
  id: Id,
  /** When it started. */
  createdAt: Timestamp,
  /** Last time it was used (to the minute). */
  lastSeenAt: Timestamp,
  /** Browser family and OS, coarse (no IP address is kept). */
  label: z.string(),
  /** Whether this is the session making the request. */
  current: z.boolean(),
});
/** The caller's sessions. */
export const SessionList = z.object({ sessions: z.array(SessionSummary) });

/** A passkey registered to the caller. */
export const PasskeySummary = z.object({
  /** Passkey id. */
  id: Id,
  /** Name the person gave it. */
  name: z.string(),
  /** When it was registered. */
  createdAt: Timestamp,
});
/** The caller's passkeys. */
export const PasskeyList = z.object({ passkeys: z.array(PasskeySummary) });
/** Start passkey registration. */
export const PasskeyRegisterOptionsRequest = z.strictObject({
  /** Name for the new passkey (e.g. "my phone"). */
  name: z.string().trim().min(1).max(60),
});
/** Options for the browser's WebAuthn call, with a challenge id to send back. */
export const PasskeyOptionsResponse = z.object({
  /** Id of the stored challenge. */
  challengeId: Id,
  /** PublicKeyCredentialCreationOptionsJSON or RequestOptionsJSON. */
  options: z.record(z.string(), z.unknown()),
});
/** Finish a passkey ceremony with the browser's response. */
export const PasskeyVerifyRequest = z.strictObject({
  /** Challenge id returned with the options. */
  challengeId: Id,
  /** The credential JSON from @simplewebauthn/browser. */
  response: z.record(z.string(), z.unknown()),
});
/** Start passkey sign-in, optionally for one email. */
export const PasskeySignInOptionsRequest = z.strictObject({
  /** Email, when the person typed it (allow-list of their passkeys). */
  email: Email.optional(),
});

/** What an invitation link shows before it is accepted. */
export const InvitationPreview = z.object({
  /** Network name. */
  networkName: z.string(),
  /** Network slug. */
  networkSlug: Slug,
  /** Organization name. */
  organizationName: z.string(),
  /** Roles the invitation grants once vouched. */
  roles: z.array(z.enum(ROLES)),
  /** When the link stops working. */
  expiresAt: Timestamp,
});
/** Accept an invitation, creating an account if needed. */
export const AcceptInvitationRequest = z.strictObject({
  /** Login email (ignored when already signed in). */
  email: Email.optional(),
  /** New password (ignored when already signed in). */
  password: NewPassword.optional(),
  /** Name shown to others. */
  displayName: z.string().trim().min(1).max(80).optional(),
  /** Interface language. */
  language: LanguageSchema.optional(),
});
/** Result of accepting an invitation. */
export const AcceptInvitationResponse = z.object({
  /** The new membership id. */
  membershipId: Id,
  /** pending until vouched for, or active when no vouches are needed. */
  status: z.enum(MEMBERSHIP_STATUSES),
  /** Vouches still needed. */
  vouchesNeeded: z.number().int().min(0),
});

/** Unseal a server started without its key, by passphrase. */
export const UnsealRequest = z.strictObject({
  /** The passphrase the master key is derived from. */
  passphrase: z.string().min(1).max(1024),
});
/** Whether the server can read sensitive data. */
export const SealStatus = z.object({ sealed: z.boolean() });
