import type { Deps, RequestContext } from '../../platform/context.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import * as repo from './blocklist.repository.ts';
import { normalizePhoneNumber } from './phone-number.ts';
import { PUBLIC_INTAKE_POLICY as P } from './public-intake.policy.ts';

/** The keyed hash a number is stored and looked up under (never the number itself). */
export function numberHash(ctx: Pick<RequestContext, 'deps'>, number: string): string {
  return ctx.deps.keyring.lookupHash(`sms-sender:${normalizePhoneNumber(number)}`);
}

/** Whether a sender is blocked on a network (needs the key: the hash is keyed). */
export function senderBlocked(deps: Deps, networkId: string, from: string): Promise<boolean> {
  return repo.isBlocked(deps.database.db, networkId, numberHash({ deps }, from));
}

/** A dispatcher blocks an abusive SMS sender. Audited without the number. */
export async function blockNumber(ctx: RequestContext, slug: string, number: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['sms_blocklist.manage']);
  const hash = numberHash(ctx, number);
  const changed = await inTransaction(ctx, async (trx, audit) => {
    const inserted = await repo.insertBlock(trx, network.id, hash, ctx.deps.clock.now());
    if (inserted)
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'sms_blocklist.add',
        targetType: 'sms_sender',
        targetId: null,
        detail: { hash: hash.slice(0, 12) },
      });
    return inserted;
  });
  return { blocked: true, changed };
}

/** A dispatcher lifts a block. */
export async function unblockNumber(ctx: RequestContext, slug: string, number: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['sms_blocklist.manage']);
  const hash = numberHash(ctx, number);
  const changed = await inTransaction(ctx, async (trx, audit) => {
    const deleted = await repo.deleteBlock(trx, network.id, hash);
    if (deleted)
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'sms_blocklist.remove',
        targetType: 'sms_sender',
        targetId: null,
        detail: { hash: hash.slice(0, 12) },
      });
    return deleted;
  });
  return { blocked: false, changed };
}
