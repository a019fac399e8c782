import type { CARE_KINDS } from '@switchboard/shared';

type CareKind = (typeof CARE_KINDS)[number];
import type { Deps } from '../../platform/context.ts';
import type { CareRequestRow, CareTaskListRow } from './care.repository.ts';

export interface CareItemValue {
  name: string;
  quantity: number;
}
export interface CareAreaValue {
  cell: string | null;
  name: string | null;
}

const itemsOf = (deps: Deps, enc: string): CareItemValue[] => JSON.parse(deps.keyring.decrypt('case', enc));

/** A request as triage lists it: kind, items, coarse area, status; never the address or contact. */
export function toRequestDto(deps: Deps, r: CareRequestRow & { task_id: string | null }) {
  return {
    id: r.id,
    origin: r.origin as 'public' | 'member',
    kind: r.kind as CareKind,
    items: itemsOf(deps, r.items_enc),
    area: { cell: r.area_cell, name: r.area_name },
    status: r.status as 'new' | 'accepted' | 'declined' | 'merged',
    declineReason: r.decline_reason_enc ? deps.keyring.decrypt('case', r.decline_reason_enc) : null,
    mergedInto: r.merged_into,
    taskId: r.task_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

/** A task as every list shows it: the coarse area, never the address or contact. */
export function toTaskDto(deps: Deps, t: CareTaskListRow, orgNames: Map<string, string>) {
  return {
    id: t.id,
    requestId: t.request_id,
    kind: t.kind as CareKind,
    items: itemsOf(deps, t.items_enc),
    area: { cell: t.area_cell, name: t.area_name },
    status: t.status as CareTaskStatus,
    version: t.version,
    claimedBy: t.claimed_org_id ? { organizationId: t.claimed_org_id, name: orgNames.get(t.claimed_org_id) ?? '' } : null,
    driverAccountId: t.driver_account_id,
    failureReason: t.failure_reason_enc ? deps.keyring.decrypt('case', t.failure_reason_enc) : null,
    claimedAt: iso(t.claimed_at),
    assignedAt: iso(t.assigned_at),
    pickedUpAt: iso(t.picked_up_at),
    deliveredAt: iso(t.delivered_at),
    failedAt: iso(t.failed_at),
    closedAt: iso(t.closed_at),
    createdAt: new Date(t.created_at).toISOString(),
  };
}
type CareTaskStatus = 'open' | 'claimed' | 'assigned' | 'picked_up' | 'delivered' | 'failed' | 'closed';
