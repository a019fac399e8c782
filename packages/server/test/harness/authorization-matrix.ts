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
