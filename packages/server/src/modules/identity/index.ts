/** What other modules may use from identity. */
export { buildMe, createAccount, requireActor } from './identity.service.ts';
export { findAccountByEmail, findAccountById, updateAccount } from './identity.repository.ts';
export { resolveSession, startSession } from './sessions.ts';
