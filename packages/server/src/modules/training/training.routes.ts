import { CourseList, ErrorResponse, NetworkParams } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import * as courses from './courses.service.ts';
import type { TrainingAction } from './training.policy.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['training'];
const policy = (action: TrainingAction) => ({ policy: { module: 'training', action } });

/** Courses, sessions, registration, attendance, certifications, dashboards and imports. */
export async function registerTrainingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/training';

  r.get(`${base}/courses`, { config: policy('course.list'), schema: { tags, params: NetworkParams, response: { 200: CourseList, ...errors } } }, (req) =>
    courses.listCoursesOf(contextOf(req, deps), req.params.slug),
  );
}
