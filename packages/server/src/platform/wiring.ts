import type { Deps } from './context.ts';

/**
 * The typed seams between modules, registered at start-up from the module list, so that
 * no two modules import each other (docs/architecture.md, "Seams").
 *
 * - **Events**: a module says something happened; other modules react. The module that
 *   emits an event declares it by augmenting `DomainEvents` in its own `*.events.ts`:
 *   `declare module '../../platform/wiring.ts' { interface DomainEvents { 'x.y': Payload } }`.
 *   A payload that carries `trx` is emitted inside the transaction that made the change,
 *   and its handlers write in that same transaction (an alert is queued with the status
 *   change, or neither is).
 * - **Hooks**: a module asks a question only a module above it can answer. The asking
 *   module declares the hook by augmenting `Hooks`; the answering module provides it.
 *   A hook has exactly one provider; asking for one nobody provides is a start-up bug.
 *
 * Dependencies keep pointing one way: the reacting or answering module imports the
 * declaring module's index (for the payload types), never the reverse.
 */
export interface DomainEvents {}
export interface Hooks {}

/** Reacts to one domain event. */
export type EventHandler<K extends keyof DomainEvents> = (deps: Deps, event: DomainEvents[K]) => Promise<void>;

/** A module's reactions to other modules' events. */
export type EventHandlers = { [K in keyof DomainEvents]?: EventHandler<K> };

/** A module's answers to other modules' hooks. */
export type HookProviders = { [K in keyof Hooks]?: Hooks[K] };

/** What a module contributes to the wiring (a slice of its face). */
export interface WiringContribution {
  name: string;
  eventHandlers?: EventHandlers;
  provides?: HookProviders;
}

/** Event handlers and hook providers of every module, built once from the module list. */
export class Wiring {
  private readonly handlers = new Map<string, EventHandler<never>[]>();
  private readonly hooks = new Map<string, { module: string; impl: unknown }>();

  constructor(modules: readonly WiringContribution[]) {
    for (const m of modules) {
      for (const [name, handler] of Object.entries(m.eventHandlers ?? {})) {
        if (!handler) continue;
        this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as EventHandler<never>]);
      }
      for (const [name, impl] of Object.entries(m.provides ?? {})) {
        const taken = this.hooks.get(name);
        if (taken) throw new Error(`hook ${name} is provided by both ${taken.module} and ${m.name}`);
        this.hooks.set(name, { module: m.name, impl });
      }
    }
  }

  /** Run every handler of an event, in module-list order; a failing handler fails the emit (and its transaction). */
  async emit<K extends keyof DomainEvents>(deps: Deps, name: K, event: DomainEvents[K]): Promise<void> {
    for (const handler of this.handlers.get(name as string) ?? []) await (handler as EventHandler<K>)(deps, event);
  }

  /** The provider of a hook; throws when no module provides it (a wiring bug, found by any test that reaches it). */
  hook<K extends keyof Hooks>(name: K): NonNullable<Hooks[K]> {
    const found = this.hooks.get(name as string);
    if (!found) throw new Error(`no module provides the hook ${String(name)}`);
    return found.impl as NonNullable<Hooks[K]>;
  }

  /** Names of the events some module handles (for docs and tests). */
  handledEvents(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Names of the hooks some module provides (for docs and tests). */
  providedHooks(): string[] {
    return [...this.hooks.keys()].sort();
  }
}

/** Emit a domain event through the deps' wiring. */
export function emit<K extends keyof DomainEvents>(deps: Deps, name: K, event: DomainEvents[K]): Promise<void> {
  return deps.wiring.emit(deps, name, event);
}

/** Ask a hook through the deps' wiring. */
export function hook<K extends keyof Hooks>(deps: Deps, name: K): NonNullable<Hooks[K]> {
  return deps.wiring.hook(name);
}
