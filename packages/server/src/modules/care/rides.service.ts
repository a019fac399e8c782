import type { AssignCareRide, CareRideProgress } from '@switchboard/shared';
import type { z } from 'zod';
import { rolesHeld, type NetworkAccess } from '../../platform/access/access.ts';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import {
  activeMembershipsOf,
  auditRead,
  enterNetwork,
  findOrganization,
  inTransaction,
  organizationNames,
} from '../networks/index.ts';
import { hasValidCertification } from '../training/index.ts';
import { CARE_RIDES_POLICY as P } from './care.policy.ts';
import { toRideDto } from './rides.dto.ts';
import * as repo from './rides.repository.ts';

/** Statuses in which the assigned driver and accompanier hold the addresses: the trip is theirs and under way. */
const RIDERS_HOLD_ADDRESS = new Set(['assigned', 'picked_up']);
const notCertified = () => new AppError('not_certified', 409);

const isCoordinatorOf = (access: NetworkAccess, organizationId: string | null) =>
  organizationId !== null && rolesHeld(access, organizationId).has('org_coordinator');

/** A ride of the network, after the caller passed the list rule (404 for none). */
async function enterRide(ctx: RequestContext, slug: string, rideId: string, rule: (typeof P)[keyof typeof P] = P['ride.list']) {
  const entered = await enterNetwork(ctx, slug, rule);
  const ride = await repo.findRide(ctx.deps.database.db, entered.network.id, rideId);
  if (!ride) throw notFound();
  return { ...entered, ride };
}
type Entered = Awaited<ReturnType<typeof enterRide>>;

/** Whether the ride's accompanier (if it needs one) holds the required certification at `at`. */
async function accompanierCertified(ctx: RequestContext, e: Entered, accountId: string, at: Date) {
  const course = e.ride.accompanier_course_id;
  return !course || hasValidCertification(ctx.deps.database.db, e.network.id, accountId, course, at);
}

/** Move a ride on, or 409 when someone else moved it first; audited in the same transaction. */
async function move(
  ctx: RequestContext,
  e: Entered,
  from: readonly string[],
  change: Partial<repo.RideRow>,
  action: string,
  detail: Record<string, unknown> = {},
) {
  const { network, actor, ride } = e;
  if (!from.includes(ride.status)) throw conflict('task_state');
  await inTransaction(ctx, async (trx, audit) => {
    const moved = await repo.moveRide(
      trx,
      network.id,
      ride.id,
      { status: from, version: ride.version },
      {
        ...change,
        updated_at: ctx.deps.clock.now().toISOString(),
      },
    );
    if (!moved) throw conflict('task_taken');
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.ride.${action}`,
      targetType: 'care_ride',
      targetId: ride.id,
      detail: { from: ride.status, to: change.status ?? ride.status, ...detail },
    });
  });
  const fresh = (await repo.findRide(ctx.deps.database.db, network.id, ride.id))!;
  const names = fresh.claimed_org_id ? await organizationNames(ctx.deps.database.db, [fresh.claimed_org_id]) : new Map();
  return toRideDto(fresh, names);
}

/** An organization claims an open ride (a coordinator of it); of two claims at once exactly one wins. */
export async function claimRide(ctx: RequestContext, slug: string, rideId: string, organizationId: string) {
  const e = await enterRide(ctx, slug, rideId);
  authorize(e.access, P['ride.claim'], organizationId);
  const org = await findOrganization(ctx.deps.database.db, e.network.id, organizationId);
  if (!org || org.status !== 'active') throw badRequest('validation_failed', { fields: ['organizationId'] });
  if (e.ride.status !== 'open') throw conflict('task_taken');
  const now = ctx.deps.clock.now().toISOString();
  return move(
    ctx,
    e,
    ['open'],
    { status: 'claimed', claimed_org_id: organizationId, claimed_by: e.actor.accountId, claimed_at: now },
    'claim',
    { organizationId },
  );
}

/**
 * The claiming organization's coordinators assign (or reassign) the driver, one of its active
 * drivers (a driver of it may take the wheel themself), and the accompanier, an active member
 * of it who holds the ride's certification now (checked again at pickup). Whoever is replaced
 * loses the addresses at once. The ride is `assigned` once it has a driver.
 */
export async function assignRide(ctx: RequestContext, slug: string, rideId: string, input: z.infer<typeof AssignCareRide>) {
  const e = await enterRide(ctx, slug, rideId);
  const { access, actor, ride, network } = e;
  if (!ride.claimed_org_id) throw conflict('task_state');
  authorize(access, P['ride.assign'], ride.claimed_org_id);
  const accountId = input.accountId ?? actor.accountId;
  const self = accountId === actor.accountId;
  const selfDriver = self && input.role === 'driver' && rolesHeld(access, ride.claimed_org_id).has('driver');
  if (!isCoordinatorOf(access, ride.claimed_org_id) && !selfDriver) throw forbidden();
  const [membership] = await activeMembershipsOf(ctx.deps.database.db, network.id, {
    accountIds: [accountId],
    organizationId: ride.claimed_org_id,
  });
  const now = ctx.deps.clock.now();
  if (input.role === 'driver') {
    if (!membership?.roles.includes('driver')) throw badRequest('driver_not_member', { fields: ['accountId'] });
    return move(
      ctx,
      e,
      ['claimed', 'assigned'],
      { status: 'assigned', driver_account_id: accountId, assigned_at: now.toISOString() },
      'assign',
      { role: 'driver', accountId, previousAccountId: ride.driver_account_id },
    );
  }
  if (!membership) throw badRequest('accompanier_not_member', { fields: ['accountId'] });
  if (!(await accompanierCertified(ctx, e, accountId, now))) throw notCertified();
  return move(ctx, e, ['claimed', 'assigned'], { accompanier_account_id: accountId }, 'assign', {
    role: 'accompanier',
    accountId,
    previousAccountId: ride.accompanier_account_id,
  });
}

/**
 * The trip's steps: picked up, completed, failed by the driver or a coordinator; closed by a
 * coordinator. At pickup a ride that needs an accompanier must have one whose certification is
 * still valid at that moment (one that expired since the assignment refuses: not_certified).
 */
export async function progressRide(ctx: RequestContext, slug: string, rideId: string, input: z.infer<typeof CareRideProgress>) {
  const e = await enterRide(ctx, slug, rideId);
  const { access, actor, ride } = e;
  if (!ride.claimed_org_id) throw conflict('task_state');
  authorize(access, P['ride.progress'], ride.claimed_org_id);
  const coordinator = isCoordinatorOf(access, ride.claimed_org_id);
  if (!coordinator && (input.status === 'closed' || ride.driver_account_id !== actor.accountId)) throw forbidden();
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  switch (input.status) {
    case 'picked_up':
      if (ride.status === 'assigned' && Number(ride.accompanier_required) === 1) {
        if (!ride.accompanier_account_id) throw conflict('accompanier_missing');
        if (!(await accompanierCertified(ctx, e, ride.accompanier_account_id, now))) throw notCertified();
      }
      return move(ctx, e, ['assigned'], { status: 'picked_up', picked_up_at: at }, 'picked_up');
    case 'completed':
      return move(ctx, e, ['picked_up'], { status: 'completed', completed_at: at }, 'completed');
    case 'failed':
      return move(ctx, e, ['assigned', 'picked_up'], { status: 'failed', failed_at: at }, 'failed');
    case 'closed':
      return move(ctx, e, ['completed', 'failed'], { status: 'closed', closed_at: at }, 'close');
  }
}

/**
 * The address rule for rides: the pickup, drop-off and contact, for the assigned driver and
 * accompanier while the ride is assigned or picked up (never after it ended, they were replaced,
 * or it closed), and for coordinators of the claiming organization. Everyone else, network
 * admins included, gets 403. Every read is audited with who read it and as what.
 */
export async function readRideAddress(ctx: RequestContext, slug: string, rideId: string) {
  const { access, actor, ride, network } = await enterRide(ctx, slug, rideId, P['ride.address']);
  if (!ride.claimed_org_id) throw forbidden();
  authorize(access, P['ride.address'], ride.claimed_org_id);
  const live = RIDERS_HOLD_ADDRESS.has(ride.status) && ride.closed_at === null;
  const as =
    live && ride.driver_account_id === actor.accountId
      ? 'driver'
      : live && ride.accompanier_account_id === actor.accountId
        ? 'accompanier'
        : isCoordinatorOf(access, ride.claimed_org_id)
          ? 'coordinator'
          : null;
  if (!as) throw forbidden();
  const s = await repo.findRideSecrets(ctx.deps.database.db, network.id, ride.ride_request_id);
  if (!s?.pickup_enc || !s.dropoff_enc || !s.contact_enc) throw notFound();
  const { keyring } = ctx.deps;
  const point = (enc: string | null) =>
    enc ? (JSON.parse(keyring.decrypt('address', enc)) as { lat: number; lng: number }) : null;
  const result = {
    pickup: keyring.decrypt('address', s.pickup_enc),
    dropoff: keyring.decrypt('address', s.dropoff_enc),
    contact: keyring.decrypt('contact', s.contact_enc),
    pickupPoint: point(s.pickup_point_enc),
    dropoffPoint: point(s.dropoff_point_enc),
  };
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'care.ride.address.read',
    targetType: 'care_ride',
    targetId: ride.id,
    detail: { as, status: ride.status, organizationId: ride.claimed_org_id },
  });
  return result;
}
