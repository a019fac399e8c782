import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// What training announces, and what it asks of the modules above it (dispatch answers).
declare module '../../platform/wiring.ts' {
  interface DomainEvents {
    /** Certifications of these accounts were issued, revoked or imported (after commit): dispatch refreshes who it can send. */
    'training.certificationsChanged': { networkId: string; accountIds: string[] };
  }
  interface Hooks {
    /** Responders available right now, with their coarse area (the dashboard counts them per course and area). */
    'training.availableResponders': (
      db: Kysely<DB> | Transaction<DB>,
      networkId: string,
      at: Date,
    ) => Promise<{ accountId: string; cell: string }[]>;
  }
}
