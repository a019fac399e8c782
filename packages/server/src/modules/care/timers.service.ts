import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { noticeRecipientsOfMany } from '../identity/index.ts';
import { insertOutboxRows, type NewOutboxRow } from '../notify/index.ts';
import { activeMembershipsOf, allNetworks, findOrganization, type NetworkRow } from '../networks/index.ts';
import * as repo from './care.repository.ts';
import type { CareNotice } from './care-notices.ts';
import { noticeTaskStep } from './task-notices.ts';
import * as timers from './timers.repository.ts';

const HOUR = 3_600_000;
/** Thrown inside a transaction to undo a move someone else beat us to. */
const RACED = Symbol('raced');

async function attempt(deps: Deps, work: (trx: Transaction<DB>) => Promise<void>): Promise<boolean> {
  try {
    await deps.database.db.transaction().execute(work);
    return true;
  } catch (error) {
    if (error === RACED) return false;
    throw error;
  }
}

/**
 * A claim request the owner left unanswered for the network's `careClaimTransferHours`
 * (default 36) is approved by the system: the task moves to the asking organization as
 * claimed, its driver (if any) loses the address at once, other pending requests are declined.
 * Conditional on the task's version and the request still pending, so runs may overlap or repeat.
 */
async function transferOverdue(deps: Deps, network: NetworkRow, now: Date): Promise<number> {
  const hours = network.settings.care.careClaimTransferHours;
  const cutoff = new Date(now.getTime() - hours * HOUR).toISOString();
  const at = now.toISOString();
  let moved = 0;
  for (const c of await timers.overdueClaimRequests(deps.database.db, network.id, cutoff)) {
    // An organization no longer active (rejected meanwhile) is given nothing: its request lapses.
    const asking = await findOrganization(deps.database.db, network.id, c.organization_id);
    if (asking?.status !== 'active') {
      await repo.decideClaimRequest(deps.database.db, c.id, { status: 'declined', decided_by: null, decided_at: at });
      continue;
    }
    const change = {
      status: 'claimed',
      claimed_org_id: c.organization_id,
      claimed_by: c.requested_by,
      claimed_at: at,
      driver_account_id: null,
      assigned_at: null,
      picked_up_at: null,
      updated_at: at,
    };
    const done = await attempt(deps, async (trx) => {
      if (!(await repo.moveTask(trx, network.id, c.task_id, { status: timers.OWNED, version: c.task_version }, change)))
        throw RACED;
      if (!(await repo.decideClaimRequest(trx, c.id, { status: 'approved', decided_by: null, decided_at: at }))) throw RACED;
      await timers.declinePendingClaimRequests(trx, c.task_id, at, c.id);
      await appendAudit(trx, deps.database.dialect, now, {
        networkId: network.id,
        actorId: null,
        action: 'care.task.claim_request.auto_transfer',
        targetType: 'care_task',
        targetId: c.task_id,
        detail: {
          claimRequestId: c.id,
          from: c.owner,
          to: c.organization_id,
          previousDriverAccountId: c.driver,
          afterHours: hours,
        },
      });
      const task = await repo.findTask(trx, network.id, c.task_id);
      if (task) await noticeTaskStep(trx, deps, { ...task, version: c.task_version }, 'auto_transfer', change, at);
    });
    if (done) moved++;
  }
  return moved;
}

type Recipients = Awaited<ReturnType<typeof noticeRecipientsOfMany>>;

/** Where an organization's coordinators get notices: read once per organization per run. */
function coordinatorsOnce(deps: Deps, networkId: string) {
  const seen = new Map<string, Promise<Recipients>>();
  return (organizationId: string) => {
    let found = seen.get(organizationId);
    if (!found) {
      const db = deps.database.db;
      found = activeMembershipsOf(db, networkId, { organizationId }).then((members) =>
        noticeRecipientsOfMany(
          deps,
          db,
          members.filter((m) => m.roles.includes('org_coordinator')).map((m) => m.accountId),
        ),
      );
      seen.set(organizationId, found);
    }
    return found;
  };
}

/** The outbox rows telling each coordinator of the organization that its task was released. */
async function releaseNotices(
  trx: Transaction<DB>,
  deps: Deps,
  task: repo.CareTaskRow,
  to: Recipients,
  days: number,
  at: string,
) {
  const rows: NewOutboxRow[] = [];
  for (const [accountId, person] of to) {
    const payload: CareNotice = {
      type: 'care',
      kind: 'released',
      language: person.language,
      discreet: false,
      reference: task.id.replace(/-/g, '').slice(-8).toUpperCase(),
      days,
    };
    for (const r of person.recipients)
      rows.push({
        id: newId(),
        networkId: task.network_id,
        channel: r.channel,
        recipientEnc: r.recipientEnc,
        payload,
        dedupeKey: `care-release:${task.id}:${task.version}:${accountId}:${r.channel}`,
        now: at,
      });
  }
  await insertOutboxRows(trx, deps.keyring, rows);
}

/**
 * A task left claimed or assigned, untouched for the network's `careClaimReleaseDays` (default
 * 7), goes back to open: no organization, no driver (the address rule then refuses the driver at
 * once), pending claim requests declined, the organization's coordinators told through the outbox.
 */
async function releaseUntouched(deps: Deps, network: NetworkRow, now: Date): Promise<number> {
  const days = network.settings.care.careClaimReleaseDays;
  const cutoff = new Date(now.getTime() - days * 24 * HOUR).toISOString();
  const at = now.toISOString();
  let released = 0;
  const coordinators = coordinatorsOnce(deps, network.id);
  for (const task of await timers.untouchedTasks(deps.database.db, network.id, cutoff)) {
    const to = await coordinators(task.claimed_org_id!);
    const done = await attempt(deps, async (trx) => {
      const open = {
        status: 'open',
        claimed_org_id: null,
        claimed_by: null,
        claimed_at: null,
        driver_account_id: null,
        assigned_at: null,
        updated_at: at,
      };
      if (!(await repo.moveTask(trx, network.id, task.id, { status: timers.RELEASABLE, version: task.version }, open)))
        throw RACED;
      await timers.declinePendingClaimRequests(trx, task.id, at);
      await appendAudit(trx, deps.database.dialect, now, {
        networkId: network.id,
        actorId: null,
        action: 'care.task.auto_release',
        targetType: 'care_task',
        targetId: task.id,
        detail: {
          from: task.status,
          organizationId: task.claimed_org_id,
          previousDriverAccountId: task.driver_account_id,
          untouchedDays: days,
        },
      });
      await releaseNotices(trx, deps, task, to, days, at);
    });
    if (done) released++;
  }
  return released;
}

/** The care timers, every network: a scheduled job (index.ts). Waits while sealed (notices need the key). */
export async function runClaimTimers(deps: Deps): Promise<{ transferred: number; released: number }> {
  if (deps.keyring.sealed) return { transferred: 0, released: 0 };
  const now = deps.clock.now();
  let transferred = 0;
  let released = 0;
  for (const network of await allNetworks(deps.database.db)) {
    transferred += await transferOverdue(deps, network, now);
    released += await releaseUntouched(deps, network, now);
  }
  return { transferred, released };
}
