/** The identity module's face: accounts, sessions and passkeys, and what other modules may use of them. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { IDENTITY_PLAIN_COLUMNS } from './identity.columns.ts';
import { identityRoutes } from './identity.routes.ts';

export const identityModule: SwitchboardModule = {
  name: 'identity',
  tables: ['accounts', 'sessions', 'passkeys', 'auth_challenges'],
  encryptedColumns: [{ table: 'accounts', idColumn: 'id', column: 'phone_enc', purpose: 'contact' }],
  plainColumns: IDENTITY_PLAIN_COLUMNS,
  routes: identityRoutes,
};

export { assertPasswordSessionAllowed, buildMe, checkPassword, createAccount, requireActor } from './identity.service.ts';
export {
  findAccountByEmail,
  findAccountById,
  findAccountsByEmails,
  findAccountsByIds,
  searchAccountsAmong,
  updateAccount,
  type AccountRow,
} from './identity.repository.ts';
export { noticeRecipientsOf, type NoticeRecipients } from './recipients.ts';
/** Notice channels of many accounts in one batched read, for scheduled jobs that notify many people. */
export { noticeRecipientsOfMany } from './recipients.ts';
export { authenticateRequest, forgetSessionsOf, resolveSession, startSession } from './sessions.ts';
export { checkSessionGate, type GatedActor } from './session-gate.ts';
