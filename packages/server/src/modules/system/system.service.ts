import type { UnsealRequest } from '@switchboard/shared';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, unauthenticated } from '../../platform/errors.ts';
import { unsealWithPassphrase } from '../../platform/crypto/key-binding.ts';
import { emit } from '../../platform/wiring.ts';
import './system.events.ts';

/** Unseal a server started without its key: deployment admins only, by passphrase. */
export async function unseal(ctx: RequestContext, input: z.infer<typeof UnsealRequest>) {
  if (!ctx.actor) throw unauthenticated();
  if (!ctx.actor.isDeploymentAdmin) throw forbidden();
  const { database, keyring, clock } = ctx.deps;
  if (!keyring.sealed) return { sealed: false };
  if (!(await unsealWithPassphrase(database.db, keyring, input.passphrase))) throw new AppError('wrong_key', 400);
  await database.db.transaction().execute((trx) =>
    appendAudit(trx, database.dialect, clock.now(), {
      networkId: null,
      actorId: ctx.actor!.accountId,
      action: 'system.unseal',
      targetType: 'system',
      targetId: null,
    }),
  );
  // Reports held while sealed are filed now, before the admin is answered (see reports' sealed intake).
  await emit(ctx.deps, 'system.unsealed', { via: 'web' });
  return { sealed: false };
}

/** Whether the server is sealed (anyone may ask: it reveals nothing else). */
export function sealStatus(ctx: RequestContext) {
  return { sealed: ctx.deps.keyring.sealed };
}
