import type { Language } from '@switchboard/shared';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from './clock.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { DemoOutbox } from './demo-outbox.ts';
import type { EventBus } from './events/event-bus.ts';
import type { ResolveHost } from './net/resolve-host.ts';
import type { Wiring } from './wiring.ts';

/** Everything a service needs, built once at start and injected (tests build their own). */
export interface Deps {
  config: Config;
  database: Database;
  keyring: Keyring;
  clock: Clock;
  events: EventBus;
  /** The modules' event handlers and hooks (built from src/modules.ts). */
  wiring: Wiring;
  /** The demo's in-memory mailbox and SMS sink: set by `demo-start` only, never on a real server. */
  demoOutbox?: DemoOutbox;
  /** How host names of URLs subscribers chose are resolved (push endpoints); the system resolver when unset. */
  resolveHost?: ResolveHost;
}

/** The signed-in person making a request. */
export interface Actor {
  accountId: string;
  sessionId: string;
  isDeploymentAdmin: boolean;
  /** Profile language, for messages. */
  language: string;
  /** Whether the session was signed in with a passkey (set for HTTP sessions). */
  signedInWithPasskey?: boolean;
}

/** What a service call knows about its caller. */
export interface RequestContext {
  deps: Deps;
  actor: Actor | null;
  language: Language;
  /** Short label of the client (browser and OS, no IP), for new sessions. */
  clientLabel: string;
}
