import type { CreateCourseRequest, UpdateCourseRequest } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { isAllowed } from '../../platform/access/policy.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { announceCertificationsAfterCommit } from './certify.ts';
import * as repo from './courses.repository.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/** The network's courses, for any active member; managers may ask for archived ones too. */
export async function listCoursesOf(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['course.list']);
  const rows = await repo.listCourseRows(ctx.deps.database.db, network.id, { includeArchived: true });
  return { courses: rows.map(toCourseDto) };
}

/**
 * Prerequisites must be courses of the same network, and may not lead back to the course
 * itself, directly or through their own prerequisites: nobody could ever register for it.
 */
async function checkPrerequisites(
  db: Kysely<DB> | Transaction<DB>,
  networkId: string,
  courseId: string | null,
  prerequisites: string[],
) {
  for (const id of prerequisites)
    if (!(await repo.findCourse(db, networkId, id))) throw badRequest('validation_failed', { fields: ['prerequisites'] });
  if (courseId === null) return; // A new course is nobody's prerequisite yet.
  const requires = new Map(
    (await repo.listCourseRows(db, networkId, { includeArchived: true })).map((c) => [c.id, c.prerequisites]),
  );
  const seen = new Set<string>();
  const queue = [...prerequisites];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === courseId) throw badRequest('prerequisite_cycle', { fields: ['prerequisites'] });
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(requires.get(id) ?? []));
  }
}

/** A manager creates a course. */
export async function createCourse(ctx: RequestContext, slug: string, input: z.infer<typeof CreateCourseRequest>) {
  const { network, actor, access } = await enterNetwork(ctx, slug, P['course.manage']);
  if (input.qualification && !isAllowed(access, P['course.qualify'])) throw forbidden();
  const db = ctx.deps.database.db;
  const prerequisites = [...new Set(input.prerequisites)];
  await checkPrerequisites(db, network.id, null, prerequisites);
  if (await repo.findCourseByKey(db, network.id, input.key)) throw conflict('conflict', { fields: ['key'] });
  const id = newId();
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertCourse(
      trx,
      {
        id,
        networkId: network.id,
        key: input.key,
        name: input.name,
        description: input.description,
        validityMonths: input.validityMonths,
        qualification: input.qualification,
        issueOn: input.issueOn,
        prerequisites,
      },
      ctx.deps.clock.now().toISOString(),
    );
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.course.create',
      targetType: 'training_course',
      targetId: id,
      detail: { key: input.key, qualification: input.qualification, validityMonths: input.validityMonths },
    });
  });
  return toCourseDto((await repo.findCourse(db, network.id, id))!);
}

/**
 * A manager changes a course. A new validity applies to certifications issued from now on:
 * ones already issued keep the expiry they were given.
 */
export async function updateCourse(
  ctx: RequestContext,
  slug: string,
  courseId: string,
  input: z.infer<typeof UpdateCourseRequest>,
) {
  const { network, actor, access } = await enterNetwork(ctx, slug, P['course.manage']);
  const db = ctx.deps.database.db;
  const course = await repo.findCourse(db, network.id, courseId);
  if (!course) throw notFound();
  const requalified = input.qualification !== undefined && input.qualification !== course.qualification;
  if (requalified && !isAllowed(access, P['course.qualify'])) throw forbidden();
  const set = { ...input, ...(input.prerequisites ? { prerequisites: [...new Set(input.prerequisites)] } : {}) };
  await inTransaction(ctx, async (trx, audit) => {
    if (set.prerequisites) {
      await repo.lockCourses(trx, ctx.deps.database.dialect, network.id);
      await checkPrerequisites(trx, network.id, courseId, set.prerequisites);
    }
    await repo.updateCourse(trx, network.id, courseId, set, ctx.deps.clock.now().toISOString());
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'training.course.update',
      targetType: 'training_course',
      targetId: courseId,
      detail: { changed: Object.keys(input), ...(requalified ? { qualification: input.qualification } : {}) },
    });
    // Holders of this course now count (or stop counting) for another qualification.
    if (requalified) announceCertificationsAfterCommit(trx, ctx.deps, network.id, await repo.holdersOf(trx, courseId));
  });
  return toCourseDto((await repo.findCourse(db, network.id, courseId))!);
}

/** A course as the API returns it. */
export function toCourseDto(c: repo.CourseRow) {
  return {
    id: c.id,
    key: c.key,
    name: c.name,
    description: c.description,
    validityMonths: c.validityMonths,
    qualification: c.qualification as never,
    issueOn: c.issueOn,
    prerequisites: c.prerequisites,
    archived: c.archived,
  };
}
