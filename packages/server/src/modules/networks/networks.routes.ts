import {
  AcceptInvitationRequest,
  AcceptInvitationResponse,
  AuditList,
  CreatedInvitation,
  CreateInvitationRequest,
  CreateOrganizationRequest,
  ErrorResponse,
  InvitationList,
  InvitationParams,
  InvitationPreview,
  InvitationTokenParams,
  Member,
  MemberList,
  MembershipParams,
  Network,
  NetworkParams,
  Ok,
  Organization,
  OrganizationList,
  OrganizationParams,
  PendingMemberList,
  SetRolesRequest,
  UpdateNetworkSettingsRequest,
  VouchResult,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf, setSessionCookie } from '../../platform/http/request-context.ts';
import { listAudit } from './audit.service.ts';
import * as invitations from './invitations.service.ts';
import * as memberships from './memberships.service.ts';
import * as networks from './networks.service.ts';
import type { NetworksAction } from './networks.policy.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  410: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['networks'];
/** Route config naming the policy action, read by the generated authorization test. */
const policy = (action: NetworksAction) => ({ policy: { module: 'networks', action } });

/** Networks, organizations, invitations, memberships, vouching and the audit view. */
export async function networksRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug';

  r.get(
    base,
    { config: policy('network.read'), schema: { tags, params: NetworkParams, response: { 200: Network, ...errors } } },
    (req) => networks.getNetwork(contextOf(req, deps), req.params.slug),
  );

  r.patch(
    `${base}/settings`,
    {
      config: policy('network.settings.update'),
      schema: { tags, params: NetworkParams, body: UpdateNetworkSettingsRequest, response: { 200: Network, ...errors } },
    },
    (req) => networks.updateSettings(contextOf(req, deps), req.params.slug, req.body),
  );

  r.get(
    `${base}/organizations`,
    {
      config: policy('organization.list'),
      schema: { tags, params: NetworkParams, response: { 200: OrganizationList, ...errors } },
    },
    (req) => networks.listOrganizations(contextOf(req, deps), req.params.slug),
  );

  r.post(
    `${base}/organizations`,
    {
      config: policy('organization.create'),
      schema: { tags, params: NetworkParams, body: CreateOrganizationRequest, response: { 200: Organization, ...errors } },
    },
    (req) => networks.createOrganization(contextOf(req, deps), req.params.slug, req.body),
  );

  r.post(
    `${base}/organization-requests`,
    {
      config: policy('organization.request'),
      schema: { tags, params: NetworkParams, body: CreateOrganizationRequest, response: { 200: Organization, ...errors } },
    },
    (req) => networks.requestOrganization(contextOf(req, deps), req.params.slug, req.body),
  );

  r.post(
    `${base}/organizations/:orgId/admit`,
    {
      config: policy('organization.decide'),
      schema: { tags, params: OrganizationParams, response: { 200: Organization, ...errors } },
    },
    (req) => networks.decideOrganization(contextOf(req, deps), req.params.slug, req.params.orgId, 'active'),
  );

  r.post(
    `${base}/organizations/:orgId/reject`,
    {
      config: policy('organization.decide'),
      schema: { tags, params: OrganizationParams, response: { 200: Organization, ...errors } },
    },
    (req) => networks.decideOrganization(contextOf(req, deps), req.params.slug, req.params.orgId, 'rejected'),
  );

  r.get(
    `${base}/organizations/:orgId/members`,
    { config: policy('member.list'), schema: { tags, params: OrganizationParams, response: { 200: MemberList, ...errors } } },
    (req) => networks.listMembers(contextOf(req, deps), req.params.slug, req.params.orgId),
  );

  r.post(
    `${base}/organizations/:orgId/invitations`,
    {
      config: policy('invitation.manage'),
      schema: {
        tags,
        params: OrganizationParams,
        body: CreateInvitationRequest,
        response: { 200: CreatedInvitation, ...errors },
      },
    },
    (req) => invitations.createInvitation(contextOf(req, deps), req.params.slug, req.params.orgId, req.body),
  );

  r.get(
    `${base}/organizations/:orgId/invitations`,
    {
      config: policy('invitation.manage'),
      schema: { tags, params: OrganizationParams, response: { 200: InvitationList, ...errors } },
    },
    (req) => invitations.listInvitations(contextOf(req, deps), req.params.slug, req.params.orgId),
  );

  r.delete(
    `${base}/organizations/:orgId/invitations/:invitationId`,
    { config: policy('invitation.manage'), schema: { tags, params: InvitationParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await invitations.revokeInvitation(contextOf(req, deps), req.params.slug, req.params.orgId, req.params.invitationId);
      return { ok: true as const };
    },
  );

  r.put(
    `${base}/memberships/:membershipId/roles`,
    {
      config: policy('membership.manage'),
      schema: { tags, params: MembershipParams, body: SetRolesRequest, response: { 200: Member, ...errors } },
    },
    (req) => memberships.setRoles(contextOf(req, deps), req.params.slug, req.params.membershipId, req.body),
  );

  r.delete(
    `${base}/memberships/:membershipId`,
    { config: policy('membership.manage'), schema: { tags, params: MembershipParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await memberships.removeMember(contextOf(req, deps), req.params.slug, req.params.membershipId);
      return { ok: true as const };
    },
  );

  r.get(
    `${base}/pending-members`,
    { config: policy('pending.list'), schema: { tags, params: NetworkParams, response: { 200: PendingMemberList, ...errors } } },
    (req) => memberships.listPending(contextOf(req, deps), req.params.slug),
  );

  r.post(
    `${base}/memberships/:membershipId/vouches`,
    { config: policy('membership.vouch'), schema: { tags, params: MembershipParams, response: { 200: VouchResult, ...errors } } },
    (req) => memberships.vouch(contextOf(req, deps), req.params.slug, req.params.membershipId),
  );

  r.get(
    `${base}/audit`,
    { config: policy('audit.read'), schema: { tags, params: NetworkParams, response: { 200: AuditList, ...errors } } },
    (req) => listAudit(contextOf(req, deps), req.params.slug),
  );

  // Invitation links: the token is the secret, so these need no session.
  r.get(
    '/api/v1/invitations/:token',
    { schema: { tags, params: InvitationTokenParams, response: { 200: InvitationPreview, ...errors } } },
    (req) => invitations.previewInvitation(contextOf(req, deps), req.params.token),
  );

  r.post(
    '/api/v1/invitations/:token/accept',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: InvitationTokenParams,
        body: AcceptInvitationRequest,
        response: { 200: AcceptInvitationResponse, ...errors },
      },
    },
    async (req, reply) => {
      const { response, sessionToken } = await invitations.acceptInvitation(contextOf(req, deps), req.params.token, req.body);
      if (sessionToken) setSessionCookie(reply, deps, sessionToken);
      return response;
    },
  );
}
