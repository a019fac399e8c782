import type { Deps } from '../platform/context.ts';
import type { DemoIds } from './demo-seed.ts';

/** Demo data for the shifts module, seeded once with the demo network. */
export async function seedShiftsDemo(_deps: Deps, _ids: DemoIds): Promise<void> {}
