import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';

// What places asks of the modules above it: shifts knows the network's watch sites (schools,
// mosques, courthouses), which people name as places ("outside Roosevelt High").
declare module '../../platform/wiring.ts' {
  interface Hooks {
    /** The network's named sites with their public position (no notes, no owner). */
    'places.namedSites': (
      db: Kysely<DB> | Transaction<DB>,
      keyring: Keyring,
      networkId: string,
    ) => Promise<{ id: string; name: string; lat: number; lng: number }[]>;
  }
}
