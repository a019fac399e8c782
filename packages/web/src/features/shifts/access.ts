import { useMe } from '../../kit/session.ts';

/** What the signed-in person may do with shifts in each network they belong to. */
export interface ShiftsAccess {
  slug: string;
  /** Vouched member: can browse and take shifts. */
  member: boolean;
  /** Coordinates at least one organization, or administers the network. */
  coordinator: boolean;
  /** Organizations whose sites they can manage ([] with admin meaning all). */
  managedOrgs: { id: string; name: string }[];
  admin: boolean;
}

/** Shifts access in one network (by slug), or in the first where the person is a member. */
export function useShiftsAccess(slug?: string): ShiftsAccess | null {
  const me = useMe();
  const networks = me.data?.networks ?? [];
  const n = slug
    ? networks.find((x) => x.slug === slug)
    : networks.find((x) => x.isAdmin || x.memberships.some((m) => m.status === 'active'));
  if (!n) return null;
  const active = n.memberships.filter((m) => m.status === 'active');
  const managed = active
    .filter((m) => m.roles.includes('org_coordinator'))
    .map((m) => ({ id: m.organizationId, name: m.organizationName }));
  return {
    slug: n.slug,
    member: n.isAdmin || active.length > 0,
    coordinator: n.isAdmin || managed.length > 0,
    managedOrgs: managed,
    admin: n.isAdmin,
  };
}
