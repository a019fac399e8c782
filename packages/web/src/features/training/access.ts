import { useMe } from '../../kit/session.ts';

/** What the signed-in person may do with training in one network. */
export interface TrainingAccess {
  slug: string;
  /** Vouched member: sees sessions, registers, sees their certifications. */
  member: boolean;
  /** Trainer, coordinator or network admin: runs sessions, takes attendance, imports. */
  manager: boolean;
  /** Coordinator or admin: may map a course to a dispatch qualification. */
  canQualify: boolean;
}

/** Training access in one network (by slug), or in the first where the person is a vouched member. */
export function useTrainingAccess(slug?: string): TrainingAccess | null {
  const me = useMe();
  const networks = me.data?.networks ?? [];
  const n = slug
    ? networks.find((x) => x.slug === slug)
    : networks.find((x) => x.isAdmin || x.memberships.some((m) => m.status === 'active'));
  if (!n) return null;
  const roles = new Set(n.memberships.filter((m) => m.status === 'active').flatMap((m) => m.roles));
  const member = n.isAdmin || n.memberships.some((m) => m.status === 'active');
  const canQualify = n.isAdmin || roles.has('org_coordinator');
  return { slug: n.slug, member, manager: canQualify || roles.has('trainer'), canQualify };
}
