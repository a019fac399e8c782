import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Dispatch, REPORT_CATEGORIES } from '@switchboard/shared';

type ReportCategory = (typeof REPORT_CATEGORIES)[number];
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';

/** An incident as the modules reacting to its status see it. */
export interface IncidentStatusChange {
  /** The transaction that changed the status: reactions write in it (an alert is queued with the change, or neither). */
  trx: Transaction<DB>;
  incident: {
    id: string;
    networkId: string;
    status: string;
    category: ReportCategory;
    cell: string | null;
    /** Where it is in words ("Phillips West", "Lake St & Chicago Ave"), when known. */
    areaName: string | null;
    placeName: string | null;
  };
  previousStatus: string;
}

// What reports announces, and what it asks of the modules above it (dispatch answers).
declare module '../../platform/wiring.ts' {
  interface DomainEvents {
    /** An incident's status changed (alerts sends the verified alert or the all-clear). */
    'reports.incidentStatusChanged': IncidentStatusChange;
  }
  interface Hooks {
    /** Whether a responder dispatched to the incident is, or was, on scene (a reason to verify). */
    'reports.hasOnSceneDispatch': (db: Kysely<DB> | Transaction<DB>, incidentId: string) => Promise<boolean>;
    /**
     * Whether an SMS sender is on the network's blocklist (public-intake answers). Asked when a
     * report held while sealed is filed: the blocklist is keyed by a hash only the key can make.
     */
    'reports.smsSenderBlocked': (deps: Deps, networkId: string, from: string) => Promise<boolean>;
    /**
     * An SMS held while sealed that answers an alert subscription (YES, its code, STOP): when it
     * is filed on unseal, public-intake applies it as it would have unsealed and says true, and it
     * is not filed as a report. Subscriptions are found by a keyed hash, so not while sealed.
     */
    'reports.smsAlertReply': (deps: Deps, networkId: string, from: string, body: string) => Promise<boolean>;
    /** The incident's dispatches with responder names, oldest first (the incident detail). */
    'reports.dispatchesOf': (
      db: Kysely<DB> | Transaction<DB>,
      keyring: Keyring,
      incidentId: string,
    ) => Promise<z.infer<typeof Dispatch>[]>;
  }
}
