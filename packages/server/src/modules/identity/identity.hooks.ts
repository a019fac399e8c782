import type { MyNetwork } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';

// What identity asks of the modules above it. Networks answers both: identity (accounts,
// sessions, passkeys) sits below networks, so it cannot import it (docs/architecture.md).
declare module '../../platform/wiring.ts' {
  interface Hooks {
    /** Whether the account must sign in with a passkey (a network where it coordinates or administers requires one). */
    'identity.passkeyRequired': (deps: Deps, accountId: string) => Promise<boolean>;
    /** The networks section of the Me document: the account's networks, admin flags and memberships. */
    'identity.networksOf': (deps: Deps, accountId: string) => Promise<z.infer<typeof MyNetwork>[]>;
  }
}
