import type { CertificationListQuery, IssueCertificationRequest, RevokeCertificationRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import * as repo from './certifications.repository.ts';
import { issueCertification, announceCertificationsAfterCommit } from './certify.ts';
import * as courses from './courses.repository.ts';
import { activeMemberIds } from './members.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/** A certification as the API returns it, with its state at `now`. */
export function toCertificationDto(c: repo.CertificationRow, now: Date) {
  const state = c.revokedAt ? 'revoked' : c.expiresAt && Date.parse(c.expiresAt) <= now.getTime() ? 'expired' : 'valid';
  return {
    id: c.id,
    accountId: c.accountId,
    displayName: c.displayName,
    course: { id: c.courseId, key: c.courseKey, name: c.courseName },
    source: c.source,
    sessionId: c.sessionId,
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    revokedAt: c.revokedAt,
    state: state as 'valid' | 'expired' | 'revoked',
  };
}

/** The caller's own certifications. */
export async function myCertifications(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['certification.self']);
  const now = ctx.deps.clock.now();
  const rows = await repo.listCertifications(ctx.deps.database.db, ctx.deps.keyring, network.id, { accountId: actor.accountId });
  return { certifications: rows.map((c) => toCertificationDto(c, now)) };
}

/** A manager looks up certifications (of a person, or of a course). Audited. */
export async function listCertifications(ctx: RequestContext, slug: string, query: z.infer<typeof CertificationListQuery>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['certification.manage']);
  const now = ctx.deps.clock.now();
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'training.certification.read',
    targetType: query.accountId ? 'account' : 'training_course',
    targetId: query.accountId ?? query.courseId ?? null,
  });
  const rows = await repo.listCertifications(ctx.deps.database.db, ctx.deps.keyring, network.id, query);
  return { certifications: rows.map((c) => toCertificationDto(c, now)) };
}

/**
 * A manager certifies someone without a session (training done elsewhere, a trainer's
 * own course): an override, audited with its reason. Nobody certifies themself.
 */
export async function issueManually(ctx: RequestContext, slug: string, input: z.infer<typeof IssueCertificationRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['certification.manage']);
  if (input.accountId === actor.accountId) throw forbidden();
  const db = ctx.deps.database.db;
  const course = await courses.findCourse(db, network.id, input.courseId);
  if (!course) throw badRequest('validation_failed', { fields: ['courseId'] });
  if (!(await activeMemberIds(db, network.id, [input.accountId])).has(input.accountId))
    throw badRequest('validation_failed', { fields: ['accountId'] });
  const now = ctx.deps.clock.now();
  const { id } = await inTransaction(ctx, async (trx, audit) => {
    const issued = await issueCertification(trx, {
      networkId: network.id,
      timeZone: network.timeZone,
      courseId: course.id,
      validityMonths: course.validityMonths,
      accountId: input.accountId,
      source: 'manual',
      sessionId: null,
      issuedBy: actor.accountId,
      issuedAt: now,
      now: now.toISOString(),
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.certification.override',
      targetType: 'account',
      targetId: input.accountId,
      detail: { certificationId: issued.id, courseId: course.id, reason: input.reason },
    });
    announceCertificationsAfterCommit(trx, ctx.deps, network.id, [input.accountId]);
    return issued;
  });
  return toCertificationDto((await repo.findCertification(db, ctx.deps.keyring, network.id, id))!, now);
}

/** A manager revokes a certification, with a reason; dispatch stops counting it at once. */
export async function revoke(
  ctx: RequestContext,
  slug: string,
  certificationId: string,
  input: z.infer<typeof RevokeCertificationRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['certification.manage']);
  const db = ctx.deps.database.db;
  const cert = await repo.findCertification(db, ctx.deps.keyring, network.id, certificationId);
  if (!cert) throw notFound();
  if (cert.revokedAt) throw conflict();
  const now = ctx.deps.clock.now();
  await inTransaction(ctx, async (trx, audit) => {
    await repo.revokeCertification(trx, certificationId, actor.accountId, now.toISOString());
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.certification.revoke',
      targetType: 'training_certification',
      targetId: certificationId,
      detail: { accountId: cert.accountId, courseId: cert.courseId, reason: input.reason },
    });
    announceCertificationsAfterCommit(trx, ctx.deps, network.id, [cert.accountId]);
  });
  return toCertificationDto((await repo.findCertification(db, ctx.deps.keyring, network.id, certificationId))!, now);
}
