import type { ResponderChange as SharedResponderChange } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { listAvailableResponders } from './responder-profiles.ts';
import { ResponderIndex } from './responder-index.ts';

const byDeps = new WeakMap<Deps, Map<string, Promise<ResponderIndex>>>();

/** The change an availability event carries (the shared stream schema's `responder.updated` body). */
export type ResponderChange = z.infer<typeof SharedResponderChange>;

/**
 * The in-memory responder index of a network, built from the database on first use and
 * then kept current by 'responder.updated' events, which reach every app process.
 */
export function responderIndex(deps: Deps, networkId: string): Promise<ResponderIndex> {
  let perNetwork = byDeps.get(deps);
  if (!perNetwork) {
    perNetwork = new Map();
    byDeps.set(deps, perNetwork);
  }
  let index = perNetwork.get(networkId);
  if (!index) {
    index = (async () => {
      const built = new ResponderIndex();
      deps.events.subscribe(networkId, (e) => {
        if (e.type !== 'responder.updated') return;
        applyChange(built, e.data);
      });
      for (const r of await listAvailableResponders(deps.database.db, networkId, deps.clock.now())) {
        built.upsert({
          accountId: r.accountId,
          cell: r.cell!,
          qualifications: r.qualifications,
          languages: r.languages,
          certified: r.certified,
        });
      }
      return built;
    })();
    perNetwork.set(networkId, index);
  }
  return index;
}

/** Apply one availability change to an index. */
export function applyChange(index: ResponderIndex, c: ResponderChange): void {
  if (c.available && c.cell)
    index.upsert({
      accountId: c.accountId,
      cell: c.cell,
      qualifications: c.qualifications,
      languages: c.languages,
      certified: c.certified ?? [],
    });
  else index.remove(c.accountId);
}
