// What the system module announces to the modules above it.

/** The server has just been unsealed (or started with its key): what waited for the key may go on. */
export interface Unsealed {
  /** How: an admin on the web, the terminal at start, or a key file / passphrase at start. */
  via: 'web' | 'start';
}

declare module '../../platform/wiring.ts' {
  interface DomainEvents {
    /** The key is loaded (reports files what arrived while sealed). Emitted outside any transaction. */
    'system.unsealed': Unsealed;
  }
}
