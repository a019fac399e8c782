import type { z } from 'zod';
import type * as S from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type CareRequestT = z.infer<typeof S.CareRequestSummary>;
export type CareTaskT = z.infer<typeof S.CareTask>;
export type CareAddressT = z.infer<typeof S.CareTaskAddress>;
export type CareClaimRequestT = z.infer<typeof S.CareClaimRequest>;
export type TriageBody = z.input<typeof S.TriageCareRequest>;
export type ProgressBody = z.input<typeof S.CareTaskProgress>;
export type CreateCareRequestBody = z.input<typeof S.CreateCareRequest>;

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}/care`;
const t = (slug: string, taskId: string) => `${n(slug)}/tasks/${encodeURIComponent(taskId)}`;

/**
 * The care API. Lists carry the coarse area only; the address has its own call, made when a
 * driver opens a task and kept in that component's state (never in the query cache, a URL or storage).
 */
export const careApi = {
  requests: (slug: string) => api<{ requests: CareRequestT[] }>('GET', `${n(slug)}/requests`),
  fileRequest: (slug: string, body: CreateCareRequestBody) => api<CareRequestT>('POST', `${n(slug)}/requests`, body),
  triage: (slug: string, requestId: string, body: TriageBody) =>
    api<CareRequestT>('POST', `${n(slug)}/requests/${encodeURIComponent(requestId)}/triage`, body),
  tasks: (slug: string) => api<{ tasks: CareTaskT[] }>('GET', `${n(slug)}/tasks`),
  claim: (slug: string, taskId: string, organizationId: string) =>
    api<CareTaskT>('POST', `${t(slug, taskId)}/claim`, { organizationId }),
  requestClaim: (slug: string, taskId: string, organizationId: string, reason: string) =>
    api<CareClaimRequestT>('POST', `${t(slug, taskId)}/claim-requests`, { organizationId, reason }),
  claimRequests: (slug: string, taskId: string) =>
    api<{ claimRequests: CareClaimRequestT[] }>('GET', `${t(slug, taskId)}/claim-requests`),
  decideClaim: (slug: string, taskId: string, claimRequestId: string, decision: 'approve' | 'decline') =>
    api<CareClaimRequestT>('POST', `${t(slug, taskId)}/claim-requests/${encodeURIComponent(claimRequestId)}/decision`, {
      decision,
    }),
  assign: (slug: string, taskId: string, driverAccountId?: string) =>
    api<CareTaskT>('POST', `${t(slug, taskId)}/assign`, driverAccountId ? { driverAccountId } : {}),
  progress: (slug: string, taskId: string, body: ProgressBody) => api<CareTaskT>('POST', `${t(slug, taskId)}/progress`, body),
  /** Audited on the server; the answer is `no-store`. Call only on the driver's or coordinator's explicit open. */
  address: (slug: string, taskId: string) => api<CareAddressT>('GET', `${t(slug, taskId)}/address`),
};

/** Query key of a network's care lists (invalidated after every action). */
export const careKey = (slug: string, what: 'requests' | 'tasks') => ['care', slug, what] as const;
