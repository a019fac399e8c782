import type { SaveAttendanceRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import * as certs from './certifications.repository.ts';
import { issueCertification, announceCertificationsAfterCommit } from './certify.ts';
import * as courses from './courses.repository.ts';
import { activeMemberIds } from './members.ts';
import * as repo from './sessions.repository.ts';
import { rosterOf } from './sessions.service.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/** Attendance can be taken from this long before a session starts (people arrive early). */
export const ATTENDANCE_OPENS_BEFORE_START_MS = 60 * 60 * 1000;

/**
 * The trainer saves attendance as ticked on the phone. Everyone ticked is marked present
 * (people not on the roster are added as walk-ins); the course's rule decides who is
 * certified (attendance, or attendance plus sign-off). Saving again is safe: nobody is
 * certified twice for one session, and removing a tick withdraws that session's
 * certification (a mistake corrected), all in one audited transaction.
 */
export async function saveAttendance(
  ctx: RequestContext,
  slug: string,
  sessionId: string,
  input: z.infer<typeof SaveAttendanceRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['attendance.manage']);
  const db = ctx.deps.database.db;
  const s = await repo.findSession(db, ctx.deps.keyring, network.id, sessionId);
  if (!s) throw notFound();
  if (s.status === 'cancelled') throw conflict();
  // Nobody can have attended what has not begun; the sheet opens as people arrive at the door.
  const now = ctx.deps.clock.now();
  if (now.getTime() < Date.parse(s.startsAt) - ATTENDANCE_OPENS_BEFORE_START_MS)
    throw conflict('session_not_started', { startsAt: s.startsAt });
  const present = new Set(input.present);
  const signedOff = new Set(input.signedOff);
  // Nobody certifies themself, not even a trainer: a second person must.
  if (present.has(actor.accountId)) throw forbidden();
  if ([...signedOff].some((id) => !present.has(id))) throw badRequest('validation_failed', { fields: ['signedOff'] });
  const course = (await courses.findCourse(db, network.id, s.courseId))!;
  const onRoster = new Map((await repo.listRegistrations(db, ctx.deps.keyring, sessionId)).map((r) => [r.accountId, r]));
  const walkIns = [...present].filter((id) => !onRoster.has(id));
  const members = await activeMemberIds(db, network.id, walkIns);
  if (walkIns.some((id) => !members.has(id))) throw badRequest('validation_failed', { fields: ['present'] });

  const nowIso = now.toISOString();
  // Recorded after the session: the certification dates from the session, not from the typing.
  const issuedAt = new Date(Math.min(now.getTime(), Date.parse(s.endsAt)));
  const result = await inTransaction(ctx, async (trx, audit) => {
    await repo.lockSession(trx, ctx.deps.database.dialect, sessionId);
    for (const id of walkIns)
      await repo.upsertRegistration(trx, {
        id: newId(),
        networkId: network.id,
        sessionId,
        accountId: id,
        status: 'registered',
        walkIn: true,
        now: nowIso,
      });
    const fromSession = await certs.certificationsFromSession(trx, sessionId);
    const issued: string[] = [];
    const withdrawn: string[] = [];
    for (const reg of await repo.listRegistrations(trx, ctx.deps.keyring, sessionId)) {
      const here = present.has(reg.accountId);
      if (!here && reg.status === 'cancelled' && !reg.attended) continue;
      const signed = here && signedOff.has(reg.accountId);
      // A sign-off keeps its first date when saved again; an untick or a missing sign-off clears it.
      await repo.updateRegistration(
        trx,
        reg.id,
        {
          attended: here ? 1 : 0,
          signed_off_at: signed ? (reg.signedOff ? undefined : nowIso) : null,
          ...(here && reg.status !== 'registered' ? { status: 'registered' } : {}),
        },
        nowIso,
      );
      const shouldHold = here && (course.issueOn === 'attendance' || signed);
      const held = fromSession.get(reg.accountId);
      if (shouldHold && !held) {
        await issueCertification(trx, {
          networkId: network.id,
          timeZone: network.timeZone,
          courseId: course.id,
          validityMonths: course.validityMonths,
          accountId: reg.accountId,
          source: course.issueOn,
          sessionId,
          issuedBy: actor.accountId,
          issuedAt,
          now: nowIso,
        });
        issued.push(reg.accountId);
      } else if (!shouldHold && held) {
        await certs.revokeCertification(trx, held, actor.accountId, nowIso);
        withdrawn.push(reg.accountId);
      }
    }
    await repo.updateSession(trx, ctx.deps.keyring, sessionId, { attendance_saved_at: nowIso }, nowIso);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.attendance.save',
      targetType: 'training_session',
      targetId: sessionId,
      detail: { present: present.size, walkIns },
    });
    if (issued.length)
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'training.certification.issue',
        targetType: 'training_session',
        targetId: sessionId,
        detail: { courseId: course.id, accountIds: issued },
      });
    if (withdrawn.length)
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: 'training.certification.revoke',
        targetType: 'training_session',
        targetId: sessionId,
        detail: { courseId: course.id, accountIds: withdrawn, reason: 'attendance corrected' },
      });
    announceCertificationsAfterCommit(trx, ctx.deps, network.id, [...issued, ...withdrawn]);
    return { issued: issued.length, withdrawn: withdrawn.length };
  });
  const fresh = (await repo.findSession(db, ctx.deps.keyring, network.id, sessionId))!;
  return { roster: await rosterOf(ctx.deps, network, actor.accountId, fresh), ...result };
}
