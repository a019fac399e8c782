import type { Deps } from '../context.ts';
import { ChallengeService } from './challenge.ts';
import { FloodGuard } from './flood-guard.ts';

/** One app's flood protection: the per-network detector and the challenge it switches on. */
export interface FloodProtection {
  guard: FloodGuard;
  challenges: ChallengeService;
}

const instances = new WeakMap<Deps, FloodProtection>();

/** The flood protection of an app (one per set of deps, so parallel test apps never share state). */
export function floodProtectionOf(deps: Deps): FloodProtection {
  let p = instances.get(deps);
  if (!p) {
    p = {
      guard: new FloodGuard(deps.clock, { threshold: deps.config.floodReportsPerMinute }),
      challenges: new ChallengeService(deps.clock, () => deps.keyring.lookupHash('switchboard:altcha-challenge')),
    };
    instances.set(deps, p);
  }
  return p;
}
