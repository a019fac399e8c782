import { describe, expect, it } from 'vitest';
import type { MeT } from '../../kit/session.ts';
import { careAccessOf } from './access.ts';

const membership = (org: string, roles: string[], status: 'active' | 'pending' = 'active') => ({
  id: `m-${org}-${roles.join('-')}`,
  organizationId: org,
  organizationName: `Org ${org}`,
  roles,
  status,
});
const me = (memberships: ReturnType<typeof membership>[], isAdmin = false) =>
  ({
    id: 'acct-1',
    networks: [{ id: 'n1', slug: 'twin-cities', name: 'Twin Cities', isAdmin, memberships }],
  }) as unknown as MeT;

/** Which delivery screens the nav offers: triage, deliveries, my deliveries. */
const screens = (m: MeT) => {
  const a = careAccessOf(m);
  return a ? { triage: a.triage, tasks: a.tasks, mine: a.driver } : null;
};

describe('care access (the nav shows delivery screens only to roles who can use them)', () => {
  it('a driver gets deliveries and their own list, not triage', () => {
    expect(screens(me([membership('church', ['driver'])]))).toEqual({ triage: false, tasks: true, mine: true });
  });

  it('a coordinator gets triage and deliveries, and claims for their organizations only', () => {
    const access = careAccessOf(me([membership('union', ['org_coordinator']), membership('church', ['responder'])]));
    expect(access).toMatchObject({ triage: true, tasks: true, driver: false });
    expect(access?.coordinatorOrgs).toEqual([{ id: 'union', name: 'Org union' }]);
  });

  it('a network admin triages but drives for nobody', () => {
    expect(screens(me([], true))).toEqual({ triage: true, tasks: true, mine: false });
  });

  it('a responder, a pending driver or a signed-out visitor gets no delivery screen', () => {
    expect(screens(me([membership('mosque', ['responder'])]))).toMatchObject({ triage: false, tasks: false, mine: false });
    expect(screens(me([membership('church', ['driver'], 'pending')]))).toBeNull();
    expect(careAccessOf(null)).toBeNull();
  });
});
