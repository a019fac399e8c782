import { activeMemberships, rolesHeld, type NetworkAccess } from '../../platform/access/access.ts';
import { canSee } from '../../platform/access/sharing.ts';
import { notFound } from '../../platform/errors.ts';
import { sharedWith } from '../networks/index.ts';
import type { Db } from './shifts.repository.ts';
import type { SiteRow, SiteScope } from './sites.repository.ts';

/** The sites an access sees: a network admin sees every site; others by ownership and sharing. */
export function siteScope(access: NetworkAccess): SiteScope {
  return { all: access.isNetworkAdmin, orgIds: activeMemberships(access).map((m) => m.organizationId) };
}

/** Whether the access coordinates the organization owning a site (or administers the network). */
export function canManageOrg(access: NetworkAccess, organizationId: string): boolean {
  return access.isNetworkAdmin || rolesHeld(access, organizationId).has('org_coordinator');
}

/** Organizations whose sites the access manages; undefined means all (network admin). */
export function managedOrgIds(access: NetworkAccess): string[] | undefined {
  if (access.isNetworkAdmin) return undefined;
  return activeMemberships(access)
    .filter((m) => m.roles.includes('org_coordinator'))
    .map((m) => m.organizationId);
}

/** Throw 404 unless the access may see the site (a hidden site does not exist for the caller). */
export async function assertSeesSite(db: Db, access: NetworkAccess, site: SiteRow | undefined): Promise<SiteRow> {
  if (!site) throw notFound();
  if (access.isNetworkAdmin) return site;
  const named = site.sharing === 'organizations' ? await sharedWith(db, 'site', site.id) : [];
  if (
    !canSee(access, {
      networkId: site.networkId,
      ownerOrganizationId: site.organizationId,
      scope: site.sharing,
      sharedWith: named,
    })
  )
    throw notFound();
  return site;
}
