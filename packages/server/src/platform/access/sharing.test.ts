import { describe, expect, it } from 'vitest';
import type { NetworkAccess } from './access.ts';
import { canSee, type SharedItem } from './sharing.ts';

const access = (
  memberships: { org: string; status?: 'active' | 'pending' | 'removed' }[],
  networkId = 'net-1',
): NetworkAccess => ({
  networkId,
  accountId: 'acct',
  isNetworkAdmin: false,
  memberships: memberships.map((m, i) => ({
    id: `m${i}`,
    organizationId: m.org,
    roles: ['dispatcher'],
    status: m.status ?? 'active',
  })),
});
const item = (scope: SharedItem['scope'], sharedWith: string[] = []): SharedItem => ({
  networkId: 'net-1',
  ownerOrganizationId: 'org-owner',
  scope,
  sharedWith,
});

describe('sharing model', () => {
  it('lets the owner organization see its item whatever the scope', () => {
    for (const scope of ['owner', 'network', 'organizations'] as const)
      expect(canSee(access([{ org: 'org-owner' }]), item(scope))).toBe(true);
  });

  it('keeps owner-only items from other organizations', () => {
    expect(canSee(access([{ org: 'org-other' }]), item('owner'))).toBe(false);
  });

  it('shows network-shared items to every active member of the network, not to pending ones', () => {
    expect(canSee(access([{ org: 'org-other' }]), item('network'))).toBe(true);
    expect(canSee(access([{ org: 'org-other', status: 'pending' }]), item('network'))).toBe(false);
  });

  it('shows items shared with named organizations only to those', () => {
    expect(canSee(access([{ org: 'org-named' }]), item('organizations', ['org-named']))).toBe(true);
    expect(canSee(access([{ org: 'org-other' }]), item('organizations', ['org-named']))).toBe(false);
    expect(canSee(access([{ org: 'org-named', status: 'removed' }]), item('organizations', ['org-named']))).toBe(false);
  });

  it('never shows an item of another network, even to a member of an organization with the same id', () => {
    expect(canSee(access([{ org: 'org-owner' }], 'net-2'), item('network'))).toBe(false);
  });
});
