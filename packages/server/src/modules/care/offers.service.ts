import type { CreateCareOffer, DecideCareOffer } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { activeMembershipsOf, enterNetwork, inTransaction } from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import * as repo from './offers.repository.ts';

type Input = z.infer<typeof CreateCareOffer>;
type Details = Pick<Extract<Input, { kind: 'items' }>, 'items'> &
  Partial<Pick<Extract<Input, { kind: 'driving' }>, 'driving'>> &
  Partial<Pick<Extract<Input, { kind: 'storage' }>, 'storage'>>;

/** What is offered, without the contact (it has its own ciphertext). */
function detailsOf(input: Input): Partial<Details> {
  if (input.kind === 'items') return { items: input.items };
  if (input.kind === 'driving') return { driving: input.driving };
  return { storage: input.storage };
}

function toDto(ctx: RequestContext, r: repo.CareOfferRow) {
  const { keyring } = ctx.deps;
  const d = JSON.parse(keyring.decrypt('case', r.details_enc)) as Partial<Details>;
  return {
    id: r.id,
    kind: r.kind as Input['kind'],
    organizationId: r.organization_id,
    offeredBy: r.offered_by,
    items: d.items ?? null,
    driving: d.driving ?? null,
    storage: d.storage ?? null,
    contact: keyring.decrypt('contact', r.contact_enc),
    status: r.status as 'pending' | 'accepted' | 'declined',
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
  };
}

/**
 * A member offers items, driving time or storage, for themself or for an organization they are
 * an active member of. What is offered and the contact are ciphertexts; it waits as pending.
 */
export async function fileOffer(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['offer.file']);
  const db = ctx.deps.database.db;
  if (input.organizationId) {
    const [m] = await activeMembershipsOf(db, network.id, {
      accountIds: [actor.accountId],
      organizationId: input.organizationId,
    });
    if (!m) throw badRequest('validation_failed', { fields: ['organizationId'] });
  }
  const now = ctx.deps.clock.now().toISOString();
  const row: repo.CareOfferRow = {
    id: newId(),
    network_id: network.id,
    kind: input.kind,
    organization_id: input.organizationId ?? null,
    offered_by: actor.accountId,
    details_enc: ctx.deps.keyring.encrypt('case', JSON.stringify(detailsOf(input))),
    contact_enc: ctx.deps.keyring.encrypt('contact', input.contact),
    status: 'pending',
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertOffer(trx, row);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.offer.file',
      targetType: 'care_offer',
      targetId: row.id,
      detail: { kind: row.kind, organizationId: row.organization_id },
    });
  });
  return toDto(ctx, row);
}

/** Coordinators' list of offers (with contacts, to call back): the read is audited. */
export async function listOffers(ctx: RequestContext, slug: string, status: string | undefined) {
  const { network, actor } = await enterNetwork(ctx, slug, P['offer.list']);
  const rows = await repo.listOffers(ctx.deps.database.db, network.id, status);
  const offers = rows.map((r) => toDto(ctx, r));
  await inTransaction(ctx, (_trx, audit) =>
    audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.offer.list',
      targetType: 'network',
      targetId: network.id,
      detail: { count: offers.length, status: status ?? null },
    }),
  );
  return { offers };
}

/** A coordinator accepts or declines a pending offer; a second decision is 409 `offer_decided`. */
export async function decideOffer(ctx: RequestContext, slug: string, offerId: string, input: z.infer<typeof DecideCareOffer>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['offer.decide']);
  const row = await repo.findOffer(ctx.deps.database.db, network.id, offerId);
  if (!row) throw notFound();
  const now = ctx.deps.clock.now().toISOString();
  const change = {
    status: input.decision === 'accept' ? 'accepted' : 'declined',
    decided_by: actor.accountId,
    decided_at: now,
    updated_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    if (!(await repo.decideOffer(trx, network.id, row.id, change))) throw conflict('offer_decided');
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `care.offer.${input.decision}`,
      targetType: 'care_offer',
      targetId: row.id,
      detail: { kind: row.kind },
    });
  });
  return toDto(ctx, { ...row, ...change });
}
