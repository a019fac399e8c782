import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { notFound } from '../../platform/errors.ts';
import { findAccountById, setDeploymentAdmin } from '../identity/index.ts';
import * as repo from './networks.repository.ts';

/** Who granted admin rights outside any signed-in session: recorded in each audit entry. */
export type GrantedVia = 'cli' | 'demo_seed';

/**
 * Make an account an admin of a network, and a deployment admin when asked, from the
 * CLI or the demo seed. There is no signed-in actor, so each grant is audited with no
 * actor and `via`; the grants and their entries commit together. Granting what the
 * account already has writes nothing.
 */
export async function grantAdmin(
  deps: Deps,
  input: { networkId: string; accountId: string; deploymentAdmin: boolean; via: GrantedVia },
): Promise<void> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    const account = await findAccountById(trx, deps.keyring, input.accountId);
    if (!account) throw notFound();
    const audit = (action: string, networkId: string | null) =>
      appendAudit(trx, dialect, now, {
        networkId,
        actorId: null,
        action,
        targetType: 'account',
        targetId: input.accountId,
        detail: { via: input.via },
      });
    if (input.deploymentAdmin && !account.isDeploymentAdmin) {
      await setDeploymentAdmin(trx, deps.keyring, input.accountId, true);
      await audit('account.deployment_admin.grant', null);
    }
    if (await repo.addNetworkAdmin(trx, input.networkId, input.accountId, now)) await audit('network.admin.add', input.networkId);
  });
  // Cached sessions hold the deployment-admin flag, cached access the network-admin one.
  await invalidateCaches(deps, { scope: 'account', accountId: input.accountId });
}
