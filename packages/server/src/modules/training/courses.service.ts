import type { RequestContext } from '../../platform/context.ts';
import { enterNetwork } from '../networks/index.ts';
import * as repo from './courses.repository.ts';
import { TRAINING_POLICY as P } from './training.policy.ts';

/** The network's courses, for any active member (managers also see archived ones). */
export async function listCoursesOf(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['course.list']);
  const rows = await repo.listCourseRows(ctx.deps.database.db, network.id);
  return { courses: rows.map(toCourseDto) };
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
