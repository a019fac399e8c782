import {
  Certification,
  CertificationList,
  CertificationListQuery,
  CertificationParams,
  Course,
  CourseList,
  CourseParams,
  CreateCourseRequest,
  CreateSessionRequest,
  ErrorResponse,
  ImportPreview,
  ImportRequest,
  ImportResult,
  IssueCertificationRequest,
  MyRegistration,
  NetworkParams,
  PeopleList,
  PeopleSearchQuery,
  RegisterRequest,
  RevokeCertificationRequest,
  SaveAttendanceRequest,
  SaveAttendanceResult,
  TrainingSessionList,
  TrainingSessionQuery,
  SessionParams,
  SessionRoster,
  TrainingDashboard,
  TrainingSession,
  UpdateCourseRequest,
  UpdateSessionRequest,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import * as attendance from './attendance.service.ts';
import * as certifications from './certifications.service.ts';
import * as courses from './courses.service.ts';
import * as dashboard from './dashboard.service.ts';
import * as imports from './import.service.ts';
import * as sessions from './sessions.service.ts';
import type { TrainingAction } from './training.policy.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['training'];
const policy = (action: TrainingAction) => ({ policy: { module: 'training', action } });
/** A typed-up sign-in sheet of a few thousand rows is well over the default 64 KiB body. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024 + 4096;

/** Courses, sessions, registration, attendance, certifications, dashboards and imports. */
export async function registerTrainingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/training';

  r.get(
    `${base}/courses`,
    { config: policy('course.list'), schema: { tags, params: NetworkParams, response: { 200: CourseList, ...errors } } },
    (req) => courses.listCoursesOf(contextOf(req, deps), req.params.slug),
  );
  r.post(
    `${base}/courses`,
    {
      config: policy('course.manage'),
      schema: { tags, params: NetworkParams, body: CreateCourseRequest, response: { 200: Course, ...errors } },
    },
    (req) => courses.createCourse(contextOf(req, deps), req.params.slug, req.body),
  );
  r.patch(
    `${base}/courses/:courseId`,
    {
      config: policy('course.manage'),
      schema: { tags, params: CourseParams, body: UpdateCourseRequest, response: { 200: Course, ...errors } },
    },
    (req) => courses.updateCourse(contextOf(req, deps), req.params.slug, req.params.courseId, req.body),
  );

  r.get(
    `${base}/sessions`,
    {
      config: policy('session.list'),
      schema: {
        tags,
        params: NetworkParams,
        querystring: TrainingSessionQuery,
        response: { 200: TrainingSessionList, ...errors },
      },
    },
    (req) => sessions.listSessions(contextOf(req, deps), req.params.slug, req.query),
  );
  r.post(
    `${base}/sessions`,
    {
      config: policy('session.manage'),
      schema: { tags, params: NetworkParams, body: CreateSessionRequest, response: { 200: TrainingSession, ...errors } },
    },
    (req) => sessions.createSession(contextOf(req, deps), req.params.slug, req.body),
  );
  r.get(
    `${base}/sessions/:sessionId`,
    { config: policy('session.list'), schema: { tags, params: SessionParams, response: { 200: TrainingSession, ...errors } } },
    (req) => sessions.getSession(contextOf(req, deps), req.params.slug, req.params.sessionId),
  );
  r.patch(
    `${base}/sessions/:sessionId`,
    {
      config: policy('session.manage'),
      schema: { tags, params: SessionParams, body: UpdateSessionRequest, response: { 200: TrainingSession, ...errors } },
    },
    (req) => sessions.updateSession(contextOf(req, deps), req.params.slug, req.params.sessionId, req.body),
  );
  r.put(
    `${base}/sessions/:sessionId/registration`,
    {
      config: policy('session.register'),
      schema: { tags, params: SessionParams, body: RegisterRequest, response: { 200: MyRegistration, ...errors } },
    },
    (req) => sessions.register(contextOf(req, deps), req.params.slug, req.params.sessionId, req.body),
  );
  r.delete(
    `${base}/sessions/:sessionId/registration`,
    { config: policy('session.register'), schema: { tags, params: SessionParams, response: { 200: MyRegistration, ...errors } } },
    (req) => sessions.cancel(contextOf(req, deps), req.params.slug, req.params.sessionId),
  );
  r.get(
    `${base}/sessions/:sessionId/roster`,
    { config: policy('attendance.manage'), schema: { tags, params: SessionParams, response: { 200: SessionRoster, ...errors } } },
    (req) => sessions.roster(contextOf(req, deps), req.params.slug, req.params.sessionId),
  );
  r.put(
    `${base}/sessions/:sessionId/attendance`,
    {
      config: policy('attendance.manage'),
      schema: { tags, params: SessionParams, body: SaveAttendanceRequest, response: { 200: SaveAttendanceResult, ...errors } },
    },
    (req) => attendance.saveAttendance(contextOf(req, deps), req.params.slug, req.params.sessionId, req.body),
  );
  r.get(
    `${base}/people`,
    {
      config: policy('attendance.manage'),
      schema: { tags, params: NetworkParams, querystring: PeopleSearchQuery, response: { 200: PeopleList, ...errors } },
    },
    (req) => sessions.searchPeople(contextOf(req, deps), req.params.slug, req.query.q),
  );

  r.get(
    `${base}/certifications/mine`,
    {
      config: policy('certification.self'),
      schema: { tags, params: NetworkParams, response: { 200: CertificationList, ...errors } },
    },
    (req) => certifications.myCertifications(contextOf(req, deps), req.params.slug),
  );
  r.get(
    `${base}/certifications`,
    {
      config: policy('certification.manage'),
      schema: {
        tags,
        params: NetworkParams,
        querystring: CertificationListQuery,
        response: { 200: CertificationList, ...errors },
      },
    },
    (req) => certifications.listCertifications(contextOf(req, deps), req.params.slug, req.query),
  );
  r.post(
    `${base}/certifications`,
    {
      config: policy('certification.manage'),
      schema: { tags, params: NetworkParams, body: IssueCertificationRequest, response: { 200: Certification, ...errors } },
    },
    (req) => certifications.issueManually(contextOf(req, deps), req.params.slug, req.body),
  );
  r.post(
    `${base}/certifications/:certificationId/revoke`,
    {
      config: policy('certification.manage'),
      schema: {
        tags,
        params: CertificationParams,
        body: RevokeCertificationRequest,
        response: { 200: Certification, ...errors },
      },
    },
    (req) => certifications.revoke(contextOf(req, deps), req.params.slug, req.params.certificationId, req.body),
  );

  r.get(
    `${base}/dashboard`,
    {
      config: policy('dashboard.view'),
      schema: { tags, params: NetworkParams, response: { 200: TrainingDashboard, ...errors } },
    },
    (req) => dashboard.dashboard(contextOf(req, deps), req.params.slug),
  );

  r.post(
    `${base}/imports/preview`,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: policy('import.manage'),
      schema: { tags, params: NetworkParams, body: ImportRequest, response: { 200: ImportPreview, ...errors } },
    },
    (req) => imports.previewImport(contextOf(req, deps), req.params.slug, req.body.csv),
  );
  r.post(
    `${base}/imports`,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: policy('import.manage'),
      schema: { tags, params: NetworkParams, body: ImportRequest, response: { 200: ImportResult, ...errors } },
    },
    (req) => imports.confirmImport(contextOf(req, deps), req.params.slug, req.body.csv),
  );
}
