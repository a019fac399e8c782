import {
  AssignRequest,
  CalendarFeed,
  CallForHelpResult,
  Coverage,
  CoverageQuery,
  CreateShiftRequest,
  EditSeriesRequest,
  EditSeriesResult,
  ErrorResponse,
  ExceptionRequest,
  ExportQuery,
  FeedParams,
  NetworkParams,
  Occurrence,
  OccurrenceList,
  OccurrenceParams,
  OccurrenceSlotParams,
  OnSiteNow,
  OpenShiftsQuery,
  SeriesList,
  SeriesParams,
  ShiftSeries,
  Signup,
  SignupParams,
  SiteDetail,
  SiteImportRequest,
  SiteImportResult,
  SiteInput,
  SiteList,
  SiteParams,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import * as coverage from './coverage.service.ts';
import * as feeds from './feeds.service.ts';
import * as seriesEdit from './series-edit.service.ts';
import * as exporter from './shifts-export.ts';
import * as shifts from './shifts.service.ts';
import type { ShiftsAction } from './shifts.policy.ts';
import * as signups from './signups.service.ts';
import * as sites from './sites.service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['shifts'];
const policy = (action: ShiftsAction) => ({ policy: { module: 'shifts', action } });

/** Sites, shifts, sign-ups, attendance, coverage, calendar feeds and CSV exports. */
export async function registerShiftsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug';
  const ctx = (req: Parameters<typeof contextOf>[0]) => contextOf(req, deps);

  // Sites
  r.get(
    `${base}/sites`,
    { config: policy('site.list'), schema: { tags, params: NetworkParams, response: { 200: SiteList, ...errors } } },
    (req) => sites.listSites(ctx(req), req.params.slug),
  );
  r.post(
    `${base}/sites`,
    {
      config: policy('site.manage'),
      schema: { tags, params: NetworkParams, body: SiteInput, response: { 200: SiteDetail, ...errors } },
    },
    (req) => sites.createSite(ctx(req), req.params.slug, req.body),
  );
  r.post(
    `${base}/sites/import`,
    {
      config: policy('site.manage'),
      schema: { tags, params: NetworkParams, body: SiteImportRequest, response: { 200: SiteImportResult, ...errors } },
    },
    (req) => sites.importSites(ctx(req), req.params.slug, req.body),
  );
  r.get(
    `${base}/sites/:siteId`,
    { config: policy('site.list'), schema: { tags, params: SiteParams, response: { 200: SiteDetail, ...errors } } },
    (req) => sites.getSite(ctx(req), req.params.slug, req.params.siteId),
  );
  r.put(
    `${base}/sites/:siteId`,
    {
      config: policy('site.manage'),
      schema: { tags, params: SiteParams, body: SiteInput, response: { 200: SiteDetail, ...errors } },
    },
    (req) => sites.updateSite(ctx(req), req.params.slug, req.params.siteId, req.body),
  );

  // Shifts (series) and exceptions
  r.post(
    `${base}/sites/:siteId/shifts`,
    {
      config: policy('shift.manage'),
      schema: { tags, params: SiteParams, body: CreateShiftRequest, response: { 200: ShiftSeries, ...errors } },
    },
    (req) => shifts.createShift(ctx(req), req.params.slug, req.params.siteId, req.body),
  );
  r.get(
    `${base}/sites/:siteId/shifts`,
    { config: policy('shift.manage'), schema: { tags, params: SiteParams, response: { 200: SeriesList, ...errors } } },
    (req) => shifts.listSeries(ctx(req), req.params.slug, req.params.siteId),
  );
  r.put(
    `${base}/shift-series/:seriesId`,
    {
      config: policy('shift.manage'),
      schema: { tags, params: SeriesParams, body: EditSeriesRequest, response: { 200: EditSeriesResult, ...errors } },
    },
    (req) => seriesEdit.editSeries(ctx(req), req.params.slug, req.params.seriesId, req.body),
  );
  r.post(
    `${base}/shift-series/:seriesId/exceptions`,
    {
      config: policy('shift.manage'),
      schema: { tags, params: SeriesParams, body: ExceptionRequest, response: { 200: ShiftSeries, ...errors } },
    },
    (req) => shifts.setException(ctx(req), req.params.slug, req.params.seriesId, req.body),
  );

  // Browsing and one's own shifts
  r.get(
    `${base}/shifts`,
    {
      config: policy('shift.browse'),
      schema: { tags, params: NetworkParams, querystring: OpenShiftsQuery, response: { 200: OccurrenceList, ...errors } },
    },
    (req) => shifts.openShifts(ctx(req), req.params.slug, req.query),
  );
  r.get(
    `${base}/shifts/mine`,
    { config: policy('shift.self'), schema: { tags, params: NetworkParams, response: { 200: OccurrenceList, ...errors } } },
    (req) => shifts.myShifts(ctx(req), req.params.slug),
  );
  r.get(
    `${base}/shifts/:occurrenceId`,
    { config: policy('shift.browse'), schema: { tags, params: OccurrenceParams, response: { 200: Occurrence, ...errors } } },
    (req) => shifts.getOccurrence(ctx(req), req.params.slug, req.params.occurrenceId),
  );

  // Sign-ups
  r.post(
    `${base}/shifts/:occurrenceId/slots/:slotId/signup`,
    {
      config: policy('shift.browse'),
      schema: {
        tags,
        params: OccurrenceSlotParams,
        body: z.strictObject({ waitlist: z.boolean().default(true) }),
        response: { 200: Signup, ...errors },
      },
    },
    (req) => signups.signUp(ctx(req), req.params.slug, req.params.occurrenceId, req.params.slotId, req.body.waitlist),
  );
  r.post(
    `${base}/shifts/:occurrenceId/slots/:slotId/assign`,
    {
      config: policy('shift.manage'),
      schema: { tags, params: OccurrenceSlotParams, body: AssignRequest, response: { 200: Signup, ...errors } },
    },
    (req) => signups.assign(ctx(req), req.params.slug, req.params.occurrenceId, req.params.slotId, req.body),
  );
  r.post(
    `${base}/shifts/:occurrenceId/slots/:slotId/call-for-help`,
    {
      config: policy('shift.manage'),
      schema: { tags, params: OccurrenceSlotParams, response: { 200: CallForHelpResult, ...errors } },
    },
    (req) => coverage.callForHelp(ctx(req), req.params.slug, req.params.occurrenceId, req.params.slotId),
  );
  r.post(
    `${base}/signups/:signupId/cancel`,
    { config: policy('shift.self'), schema: { tags, params: SignupParams, response: { 200: Signup, ...errors } } },
    (req) => signups.cancel(ctx(req), req.params.slug, req.params.signupId),
  );
  r.post(
    `${base}/signups/:signupId/swap`,
    {
      config: policy('shift.self'),
      schema: {
        tags,
        params: SignupParams,
        body: z.strictObject({ offered: z.boolean() }),
        response: { 200: Signup, ...errors },
      },
    },
    (req) => signups.offerSwap(ctx(req), req.params.slug, req.params.signupId, req.body.offered),
  );
  r.post(
    `${base}/signups/:signupId/take`,
    { config: policy('shift.browse'), schema: { tags, params: SignupParams, response: { 200: Signup, ...errors } } },
    (req) => signups.takeSwap(ctx(req), req.params.slug, req.params.signupId),
  );
  r.post(
    `${base}/signups/:signupId/check-in`,
    { config: policy('shift.self'), schema: { tags, params: SignupParams, response: { 200: Signup, ...errors } } },
    (req) => signups.checkIn(ctx(req), req.params.slug, req.params.signupId),
  );
  r.post(
    `${base}/signups/:signupId/check-out`,
    { config: policy('shift.self'), schema: { tags, params: SignupParams, response: { 200: Signup, ...errors } } },
    (req) => signups.checkOut(ctx(req), req.params.slug, req.params.signupId),
  );

  // Coordinators: coverage, who is on site, exports
  r.get(
    `${base}/coverage`,
    {
      config: policy('coverage.read'),
      schema: { tags, params: NetworkParams, querystring: CoverageQuery, response: { 200: Coverage, ...errors } },
    },
    (req) => coverage.coverage(ctx(req), req.params.slug, req.query),
  );
  r.get(
    `${base}/on-site`,
    { config: policy('coverage.read'), schema: { tags, params: NetworkParams, response: { 200: OnSiteNow, ...errors } } },
    (req) => coverage.onSiteNow(ctx(req), req.params.slug),
  );
  const csvReply = (name: string) => ({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
    'cache-control': 'no-store',
  });
  r.get(
    `${base}/exports/shifts.csv`,
    { config: policy('coverage.read'), schema: { tags, params: NetworkParams, querystring: ExportQuery, response: errors } },
    async (req, reply) =>
      reply.headers(csvReply('shifts')).send((await exporter.exportShifts(ctx(req), req.params.slug, req.query)) as never),
  );
  r.get(
    `${base}/exports/attendance.csv`,
    { config: policy('coverage.read'), schema: { tags, params: NetworkParams, querystring: ExportQuery, response: errors } },
    async (req, reply) =>
      reply
        .headers(csvReply('attendance'))
        .send((await exporter.exportAttendance(ctx(req), req.params.slug, req.query)) as never),
  );

  // Calendar feeds: manage the secret URLs; the feed itself is public behind its token.
  for (const [method, action] of [
    ['GET', 'get'],
    ['POST', 'create'],
    ['DELETE', 'revoke'],
  ] as const) {
    r.route({
      method,
      url: `${base}/calendar-feed`,
      config: policy('feed.self'),
      schema: { tags, params: NetworkParams, response: { 200: CalendarFeed, ...errors } },
      handler: (req) => feeds.myFeed(ctx(req), req.params.slug, action),
    });
    r.route({
      method,
      url: `${base}/sites/:siteId/calendar-feed`,
      config: policy('feed.site'),
      schema: { tags, params: SiteParams, response: { 200: CalendarFeed, ...errors } },
      handler: (req) => feeds.siteFeed(ctx(req), req.params.slug, req.params.siteId, action),
    });
  }
  r.get(
    '/api/v1/calendar/:token',
    { schema: { tags, params: FeedParams, response: { 400: ErrorResponse, 404: ErrorResponse, 503: ErrorResponse } } },
    async (req, reply) =>
      reply
        .headers({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' })
        .send((await feeds.renderFeed(deps, req.params.token.replace(/\.ics$/, ''))) as never),
  );
}
