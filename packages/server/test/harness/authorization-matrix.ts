import { ORG_ROLES, type OrgRole } from '@switchboard/shared';
import type { PolicyRule } from '../../src/platform/access/policy.ts';
import type { Persona } from './test-app.ts';

/** Every persona of the standard fixture. */
export const PERSONAS: Persona[] = ['admin', ...ORG_ROLES, 'pending', 'outsider', 'coordinator_b'];

/**
 * What a policy rule should allow a persona, from the persona's definition in the
 * fixture (independent of the code under test): org roles are held in org A,
 * coordinator_b coordinates org B, pending and outsider hold nothing in the network.
 */
export function expectedAllowed(persona: Persona, rule: PolicyRule, targetOrg: 'A' | 'B' | 'none'): boolean {
  if (rule.who.includes('signed_in')) return true;
  const isMember = persona !== 'pending' && persona !== 'outsider';
  if (rule.who.includes('member') && isMember) return true;
  if (persona === 'admin') return rule.who.includes('network_admin');
  if (persona === 'pending' || persona === 'outsider') return false;
  const [role, org]: [OrgRole, 'A' | 'B'] = persona === 'coordinator_b' ? ['org_coordinator', 'B'] : [persona, 'A'];
  if (!rule.who.includes(role)) return false;
  return rule.scope === 'network' || targetOrg === org;
}

/** An organization of the sharing matrix: A and B of the fixture, and C, which no persona belongs to. */
export type MatrixOrg = 'A' | 'B' | 'C';

/** How a work item is owned and shared (sharing.ts), in terms of the matrix's organizations. */
export interface SharingCase {
  name: string;
  owner: MatrixOrg;
  scope: 'owner' | 'network' | 'organizations';
  sharedWith: readonly MatrixOrg[];
}

/**
 * Items every persona meets: for the members of A (and, mirrored, for B's coordinator) one
 * of their own organization, one shared with the whole network, one shared with their
 * organization by name, and two they are not shared with (private to the other
 * organization; named for the other organization only).
 */
export const SHARING_CASES: readonly SharingCase[] = [
  { name: 'private to A', owner: 'A', scope: 'owner', sharedWith: [] },
  { name: 'private to B', owner: 'B', scope: 'owner', sharedWith: [] },
  { name: 'of C, shared with the network', owner: 'C', scope: 'network', sharedWith: [] },
  { name: 'of C, shared with A by name', owner: 'C', scope: 'organizations', sharedWith: ['A'] },
  { name: 'of C, shared with B by name', owner: 'C', scope: 'organizations', sharedWith: ['B'] },
];

/** How a persona comes to see an item, from the fixture's definitions; 'hidden' when it does not. */
export type Relation = 'network_admin' | 'own' | 'network' | 'named' | 'hidden';

/** The organization a persona is an active member of, if any (the fixture's definition). */
function orgOf(persona: Persona): MatrixOrg | undefined {
  if (persona === 'admin' || persona === 'pending' || persona === 'outsider') return undefined;
  return persona === 'coordinator_b' ? 'B' : 'A';
}

/** The sharing rule, written from its definition: owner, network, or named organizations; a network admin sees all. */
export function relation(persona: Persona, item: SharingCase): Relation {
  if (persona === 'admin') return 'network_admin';
  const org = orgOf(persona);
  if (!org) return 'hidden';
  if (item.owner === org) return 'own';
  if (item.scope === 'network') return 'network';
  if (item.scope === 'organizations' && item.sharedWith.includes(org)) return 'named';
  return 'hidden';
}

/**
 * What a route naming an item should answer a persona, from the policy rule and the sharing
 * rule: 'allow'; 'not_found' when the role would do but the item is hidden (it must not be
 * seen to exist); 'forbidden' when the item is visible but the role is not enough; 'deny'
 * (403 or 404) when both fail. 'organization' scope is judged against the item's owner.
 */
export function expectedOnItem(
  persona: Persona,
  rule: PolicyRule,
  item: SharingCase,
): 'allow' | 'forbidden' | 'not_found' | 'deny' {
  const owner = item.owner === 'C' ? 'none' : item.owner;
  const roleAllows = expectedAllowed(persona, rule, rule.scope === 'organization' ? owner : 'none');
  const sees = rule.sharing !== 'visible' || relation(persona, item) !== 'hidden';
  if (roleAllows && sees) return 'allow';
  if (roleAllows) return 'not_found';
  if (sees) return 'forbidden';
  return 'deny';
}

/** Whether a status answers an expectation of expectedOnItem. */
export function statusMatches(expected: ReturnType<typeof expectedOnItem>, status: number): boolean {
  if (expected === 'allow') return status !== 403 && status !== 404 && status !== 400 && status !== 401 && status < 500;
  if (expected === 'forbidden') return status === 403;
  if (expected === 'not_found') return status === 404;
  return status === 403 || status === 404;
}
