/** The identity module's face: accounts, sessions and passkeys, and what other modules may use of them. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { IDENTITY_PLAIN_COLUMNS } from './identity.columns.ts';
import { sealAccountsBatch } from './identity.repository.ts';
import { identityRoutes } from './identity.routes.ts';

export const identityModule: SwitchboardModule = {
  name: 'identity',
  tables: ['accounts', 'sessions', 'passkeys', 'auth_challenges'],
  encryptedColumns: [
    { table: 'accounts', idColumn: 'id', column: 'phone_enc', purpose: 'contact' },
    { table: 'accounts', idColumn: 'id', column: 'email_enc', purpose: 'person' },
    { table: 'accounts', idColumn: 'id', column: 'display_name_enc', purpose: 'person' },
  ],
  plainColumns: IDENTITY_PLAIN_COLUMNS,
  routes: identityRoutes,
  // Emails and names from before 2026-12-04T0012, or written while sealed; and, after a key
  // rotation, blind indexes made under the old key (run after reencryptAll in main.ts and the CLI).
  sealPlaintext: (deps) => sealAccountsBatch(deps.database.db, deps.keyring),
};

export { assertPasswordSessionAllowed, buildMe, checkPassword, createAccount, requireActor } from './identity.service.ts';
export {
  findAccountByEmail,
  findAccountById,
  findAccountProfilesByIds,
  findAccountsByEmails,
  findAccountsByIds,
  searchAccountsAmong,
  setDeploymentAdmin,
  updateAccount,
  type AccountRow,
} from './identity.repository.ts';
export { normalizeEmail } from './account-fields.ts';
export { noticeRecipientsOf, type NoticeRecipients } from './recipients.ts';
/** Notice channels of many accounts in one batched read, for scheduled jobs that notify many people. */
export { noticeRecipientsOfMany } from './recipients.ts';
export { authenticateRequest, forgetSessionsOf, resolveSession, startSession } from './sessions.ts';
export { checkSessionGate, type GatedActor } from './session-gate.ts';
