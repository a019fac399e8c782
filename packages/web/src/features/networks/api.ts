import type { z } from 'zod';
import type {
  AuditList,
  CreatedInvitation,
  CreateInvitationRequest,
  CreateOrganizationRequest,
  DemoOutboxList,
  InvitationList,
  Member,
  MemberQualificationsList,
  Network,
  Organization,
  UpdateNetworkSettingsRequest,
  VouchResult,
} from '@switchboard/shared';
import { api } from '../../kit/api.ts';
import { networkDirectory } from '../../kit/network-directory.ts';

export type NetworkT = z.infer<typeof Network>;
export type OrganizationT = z.infer<typeof Organization>;
export type MemberT = z.infer<typeof Member>;
export type CreateOrganizationBody = z.input<typeof CreateOrganizationRequest>;
export type UpdateSettingsBody = z.input<typeof UpdateNetworkSettingsRequest>;
export type CreateInvitationBody = z.input<typeof CreateInvitationRequest>;
export type CreatedInvitationT = z.infer<typeof CreatedInvitation>;
export type InvitationListT = z.infer<typeof InvitationList>;
export type VouchResultT = z.infer<typeof VouchResult>;
export type AuditListT = z.infer<typeof AuditList>;
export type DemoOutboxT = z.infer<typeof DemoOutboxList>;
export type MemberQualificationsT = z.infer<typeof MemberQualificationsList>['members'][number];

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;
const o = (slug: string, orgId: string) => `${n(slug)}/organizations/${encodeURIComponent(orgId)}`;

export const networksApi = {
  network: (slug: string) => api<NetworkT>('GET', n(slug)),
  updateSettings: (slug: string, body: UpdateSettingsBody) => api<NetworkT>('PATCH', `${n(slug)}/settings`, body),
  /** The demo's in-memory outbox (404 on any server not started by demo-start). */
  demoOutbox: (slug: string) => api<DemoOutboxT>('GET', `${n(slug)}/demo-outbox`),
  organizations: networkDirectory.organizations,
  createOrganization: (slug: string, body: CreateOrganizationBody) =>
    api<OrganizationT>('POST', `${n(slug)}/organizations`, body),
  requestOrganization: (slug: string, body: CreateOrganizationBody) =>
    api<OrganizationT>('POST', `${n(slug)}/organization-requests`, body),
  admit: (slug: string, orgId: string) => api<OrganizationT>('POST', `${o(slug, orgId)}/admit`, {}),
  reject: (slug: string, orgId: string) => api<OrganizationT>('POST', `${o(slug, orgId)}/reject`, {}),
  members: networkDirectory.members,
  createInvitation: (slug: string, orgId: string, body: CreateInvitationBody) =>
    api<CreatedInvitationT>('POST', `${o(slug, orgId)}/invitations`, body),
  invitations: (slug: string, orgId: string) => api<InvitationListT>('GET', `${o(slug, orgId)}/invitations`),
  revokeInvitation: (slug: string, orgId: string, invitationId: string) =>
    api<{ ok: true }>('DELETE', `${o(slug, orgId)}/invitations/${encodeURIComponent(invitationId)}`),
  setRoles: (slug: string, membershipId: string, roles: string[]) =>
    api<MemberT>('PUT', `${n(slug)}/memberships/${encodeURIComponent(membershipId)}/roles`, { roles }),
  removeMember: (slug: string, membershipId: string) =>
    api<{ ok: true }>('DELETE', `${n(slug)}/memberships/${encodeURIComponent(membershipId)}`),
  pendingMembers: networkDirectory.pendingMembers,
  vouch: (slug: string, membershipId: string) =>
    api<VouchResultT>('POST', `${n(slug)}/memberships/${encodeURIComponent(membershipId)}/vouches`, {}),
  memberQualifications: (slug: string, orgId: string) =>
    api<z.infer<typeof MemberQualificationsList>>('GET', `${o(slug, orgId)}/qualifications`),
  setQualifications: (slug: string, accountId: string, qualifications: string[]) =>
    api<{ accountId: string; qualifications: string[] }>(
      'PUT',
      `${n(slug)}/members/${encodeURIComponent(accountId)}/qualifications`,
      { qualifications },
    ),
  audit: (slug: string) => api<AuditListT>('GET', `${n(slug)}/audit`),
};
