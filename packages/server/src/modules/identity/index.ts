/** What other modules may use from identity. */
export { assertPasswordSessionAllowed, buildMe, checkPassword, createAccount, requireActor } from './identity.service.ts';
export { findAccountByEmail, findAccountById, updateAccount } from './identity.repository.ts';
export { resolveSession, startSession } from './sessions.ts';
export { checkSessionGate, type GatedActor } from './session-gate.ts';
