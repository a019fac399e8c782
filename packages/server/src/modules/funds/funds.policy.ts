import type { PolicyTable } from '../../platform/access/policy.ts';

/** Who reads the books: treasurers, and network admins (read only). */
const READERS = ['treasurer', 'network_admin'] as const;

/**
 * Funds permissions ('network' scope: a treasurer of any organization keeps the network's books).
 * Treasurers record money in, move it and pay it out; a case worker may ask for a payment for a
 * family. Network admins see balances and entries but move no money. The two-person rule
 * (requester ≠ approver ≠ payer above the network's threshold) is beyond this table, in
 * disbursements.service.ts, since it compares people, not roles.
 */
export const FUNDS_POLICY = {
  'fund.list': { who: READERS, scope: 'network' },
  'fund.create': { who: READERS, scope: 'network' },
  'allocation.create': { who: ['treasurer'], scope: 'network' },
  'donation.record': { who: ['treasurer'], scope: 'network' },
  'transfer.record': { who: ['treasurer'], scope: 'network' },
  'entry.list': { who: READERS, scope: 'network' },
  'entry.reverse': { who: ['treasurer'], scope: 'network' },
  'disbursement.list': { who: READERS, scope: 'network' },
  'disbursement.request': { who: ['treasurer', 'case_worker'], scope: 'network' },
  'disbursement.decide': { who: ['treasurer'], scope: 'network' },
  'disbursement.pay': { who: ['treasurer'], scope: 'network' },
  'ledger.export': { who: ['treasurer'], scope: 'network' },
  'ledger.summary': { who: READERS, scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the funds module. */
export type FundsAction = keyof typeof FUNDS_POLICY;
