import { type MeT, useMe } from '../../kit/session.ts';

/** What the signed-in person may do with deliveries in one network. */
export interface CareAccess {
  slug: string;
  accountId: string;
  /** Any active member: may file a request on someone's behalf. */
  member: boolean;
  /** Coordinator or network admin: triages requests. */
  triage: boolean;
  /** Driver, coordinator or network admin: sees the task list (coarse area only). */
  tasks: boolean;
  /** Holds the driver role somewhere: has a "my deliveries" screen. */
  driver: boolean;
  /** Organizations they coordinate: may claim, request, assign for these. */
  coordinatorOrgs: { id: string; name: string }[];
  /** Organizations where they drive: may self-assign tasks these claimed. */
  driverOrgIds: string[];
}

/** Care access from GET /me, in one network (by slug) or the first where care screens are of use. */
export function careAccessOf(me: MeT | null | undefined, slug?: string): CareAccess | null {
  if (!me) return null;
  const all = me.networks.map((n) => {
    const active = n.memberships.filter((m) => m.status === 'active');
    const coordinatorOrgs = active
      .filter((m) => m.roles.includes('org_coordinator'))
      .map((m) => ({ id: m.organizationId, name: m.organizationName }));
    const driverOrgIds = active.filter((m) => m.roles.includes('driver')).map((m) => m.organizationId);
    const triage = n.isAdmin || coordinatorOrgs.length > 0;
    return {
      slug: n.slug,
      accountId: me.id,
      member: n.isAdmin || active.length > 0,
      triage,
      tasks: triage || driverOrgIds.length > 0,
      driver: driverOrgIds.length > 0,
      coordinatorOrgs,
      driverOrgIds,
    } satisfies CareAccess;
  });
  return (slug ? all.find((a) => a.slug === slug) : (all.find((a) => a.tasks) ?? all.find((a) => a.member))) ?? null;
}

/** Care access of the signed-in person (see careAccessOf). */
export function useCareAccess(slug?: string): CareAccess | null {
  return careAccessOf(useMe().data, slug);
}
