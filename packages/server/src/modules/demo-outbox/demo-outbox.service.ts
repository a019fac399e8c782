import type { RequestContext } from '../../platform/context.ts';
import type { DemoOutboxMessage } from '../../platform/demo-outbox.ts';
import { notFound } from '../../platform/errors.ts';
import { auditRead, enterNetwork } from '../networks/index.ts';
import { DEMO_OUTBOX_POLICY as P } from './demo-outbox.policy.ts';

/**
 * What the demo would have sent by email and SMS, for a network admin. Without the
 * demo's sink (any server not started by demo-start) the route does not exist: 404
 * before anything else, so a real deployment shows no trace of it.
 */
export async function readDemoOutbox(ctx: RequestContext, slug: string): Promise<{ messages: DemoOutboxMessage[] }> {
  const outbox = ctx.deps.demoOutbox;
  if (!outbox) throw notFound();
  const { network, actor } = await enterNetwork(ctx, slug, P['demo_outbox.read']);
  const messages = outbox.list();
  // The messages carry phone numbers and addresses: the read is audited like any contact read.
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'demo_outbox.read',
    targetType: 'network',
    targetId: network.id,
    detail: { count: messages.length },
  });
  return { messages };
}
