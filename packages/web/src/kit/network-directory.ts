import type { MemberList, OrganizationList, PendingMemberList } from '@switchboard/shared';
import type { z } from 'zod';
import { api } from './api.ts';

// Who is in a network, read by more than the networks feature: the home page counts
// pending members and organizations, shifts picks organizations and their members.

export type OrganizationListT = z.infer<typeof OrganizationList>;
export type MemberListT = z.infer<typeof MemberList>;
export type PendingMemberListT = z.infer<typeof PendingMemberList>;

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;

/** Reads of who is in a network, for any feature. */
export const networkDirectory = {
  /** The organizations of a network the caller may see. */
  organizations: (slug: string) => api<OrganizationListT>('GET', `${n(slug)}/organizations`),
  /** The members of one organization. */
  members: (slug: string, orgId: string) =>
    api<MemberListT>('GET', `${n(slug)}/organizations/${encodeURIComponent(orgId)}/members`),
  /** Members waiting to be vouched for. */
  pendingMembers: (slug: string) => api<PendingMemberListT>('GET', `${n(slug)}/pending-members`),
};
