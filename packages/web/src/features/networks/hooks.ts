import { useQuery } from '@tanstack/react-query';
import { useMe } from '../../kit/session.ts';
import { networksApi } from './api.ts';

export function useNetwork(slug: string) {
  return useQuery({ queryKey: ['network', slug], queryFn: () => networksApi.network(slug) });
}

export function useOrganizations(slug: string) {
  return useQuery({ queryKey: ['organizations', slug], queryFn: () => networksApi.organizations(slug) });
}

/** The caller's view of one network from /me (admin flag, memberships). */
export function useMyNetwork(slug: string) {
  return useMe().data?.networks.find((n) => n.slug === slug);
}
