import type { z } from 'zod';
import type {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  ChangePasswordRequest,
  InvitationPreview,
  PasskeyList,
  PasskeyOptionsResponse,
  SealStatus,
  SessionList,
  SignInRequest,
  UpdateProfileRequest,
} from '@switchboard/shared';
import { api } from '../../kit/api.ts';
import type { MeT } from '../../kit/session.ts';

export type SignInBody = z.input<typeof SignInRequest>;
export type UpdateProfileBody = z.input<typeof UpdateProfileRequest>;
export type ChangePasswordBody = z.input<typeof ChangePasswordRequest>;
export type SessionListT = z.infer<typeof SessionList>;
export type PasskeyListT = z.infer<typeof PasskeyList>;
export type PasskeyOptionsT = z.infer<typeof PasskeyOptionsResponse>;
export type InvitationPreviewT = z.infer<typeof InvitationPreview>;
export type AcceptInvitationBody = z.input<typeof AcceptInvitationRequest>;
export type AcceptInvitationResult = z.infer<typeof AcceptInvitationResponse>;
export type SealStatusT = z.infer<typeof SealStatus>;

export const identityApi = {
  signIn: (body: SignInBody) => api<MeT>('POST', '/auth/sign-in', body),
  signOut: () => api<{ ok: true }>('POST', '/auth/sign-out', {}),
  passkeySignInOptions: (email?: string) =>
    api<PasskeyOptionsT>('POST', '/auth/passkeys/sign-in/options', email ? { email } : {}),
  passkeySignInVerify: (challengeId: string, response: unknown) =>
    api<MeT>('POST', '/auth/passkeys/sign-in/verify', { challengeId, response }),
  updateProfile: (body: UpdateProfileBody) => api<MeT>('PATCH', '/me', body),
  changePassword: (body: ChangePasswordBody) => api<{ ok: true }>('POST', '/me/password', body),
  sessions: () => api<SessionListT>('GET', '/me/sessions'),
  revokeSession: (id: string) => api<{ ok: true }>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
  passkeys: () => api<PasskeyListT>('GET', '/me/passkeys'),
  passkeyRegisterOptions: (name: string) => api<PasskeyOptionsT>('POST', '/me/passkeys/options', { name }),
  passkeyRegisterVerify: (challengeId: string, response: unknown) =>
    api<{ ok: true }>('POST', '/me/passkeys/verify', { challengeId, response }),
  removePasskey: (id: string) => api<{ ok: true }>('DELETE', `/me/passkeys/${encodeURIComponent(id)}`),
  invitation: (token: string) => api<InvitationPreviewT>('GET', `/invitations/${encodeURIComponent(token)}`),
  sealStatus: () => api<SealStatusT>('GET', '/system/seal'),
  unseal: (passphrase: string) => api<SealStatusT>('POST', '/system/unseal', { passphrase }),
  acceptInvitation: (token: string, body: AcceptInvitationBody) =>
    api<AcceptInvitationResult>('POST', `/invitations/${encodeURIComponent(token)}/accept`, body),
};
