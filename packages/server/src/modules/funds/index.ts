/** The funds module's face: a double-entry ledger of funds, donations, disbursements (two-person rule) and transfers. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { FUNDS_ENCRYPTED_COLUMNS, FUNDS_PLAIN_COLUMNS } from './funds.columns.ts';
import { FUNDS_POLICY } from './funds.policy.ts';
import { registerFundsRoutes } from './funds.routes.ts';

export const fundsModule: SwitchboardModule = {
  name: 'funds',
  tables: ['funds', 'fund_allocations', 'fund_entries', 'fund_entry_lines', 'fund_disbursements'],
  encryptedColumns: FUNDS_ENCRYPTED_COLUMNS,
  plainColumns: FUNDS_PLAIN_COLUMNS,
  policy: FUNDS_POLICY,
  routes: registerFundsRoutes,
};

export { FUNDS_POLICY } from './funds.policy.ts';
export { fundsDemoSensitive, seedFundsDemo, type FundsDemoCast } from './demo-seed.ts';
