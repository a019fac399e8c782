import multipart from '@fastify/multipart';
import {
  ErrorResponse,
  NetworkParams,
  ReceiptStatus,
  ReceiptStatusRequest,
  Slug,
  SmsBlocklistRequest,
  SmsBlocklistResult,
} from '@switchboard/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { floodProtectionOf } from '../../platform/flood/flood-protection.ts';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable } from '../../platform/http/error-handler.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { alertsPage } from './alerts-page.service.ts';
import { renderAlertsPage } from './alerts-page.view.ts';
import { REPORT_CSS, REPORT_JS } from './assets.ts';
import { blockNumber, unblockNumber } from './blocklist.service.ts';
import { readForm } from './form-input.ts';
import { renderMessagePage } from './page.view.ts';
import { MAX_PHOTO_BYTES } from './photo.ts';
import { offeredLanguages, resolveLanguage, type PublicErrorKey } from './public-language.ts';
import type { PublicIntakeAction } from './public-intake.policy.ts';
import { newReportForm, publicNetworkLanguages, submitReportForm } from './report-form.service.ts';
import { formHref, renderReceipt, renderReportForm, renderRights } from './report-form.view.ts';
import { lookUpReceipt, statusPage } from './receipt-status.service.ts';
import { receiveSms } from './sms.service.ts';
import { renderStatusPage } from './status.view.ts';
import type { FormParams } from './twilio-signature.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};
const policy = (action: PublicIntakeAction) => ({ policy: { module: 'public-intake', action } });
// Public pages must not linger in caches or the back-forward history of a shared phone.
const NO_STORE = 'no-store';
// Twilio posts from a few addresses for every sender: the per-address limit must not
// throttle a real surge (per-sender limits apply inside, after the signature check).
const WEBHOOK_LIMIT_PER_MINUTE = 6000;

const slugOf = (params: unknown) => {
  const parsed = Slug.safeParse((params as { slug?: unknown }).slug);
  if (!parsed.success) throw notFound();
  return parsed.data;
};
const bodyField = (req: FastifyRequest, name: string) =>
  req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)[name] : undefined;
const langQuery = (req: FastifyRequest) => (req.query as { lang?: unknown } | undefined)?.lang;

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).header('cache-control', NO_STORE).type('text/html; charset=utf-8').send(html);
}

/**
 * Errors on the public pages become a short page in the reader's language with a way
 * back; no JSON, no codes, no stack.
 */
function htmlErrorHandler(raised: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const error = databaseUnavailable(raised) ?? raised;
  const language = resolveLanguage(
    langQuery(req) ?? (req.body as { lang?: unknown } | undefined)?.lang,
    req.headers['accept-language'],
    undefined,
  );
  const status =
    error instanceof AppError
      ? error.status
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
  let key: PublicErrorKey = 'server';
  if (error instanceof AppError && error.code === 'not_found') key = 'notFound';
  else if (error instanceof AppError && error.code === 'sealed') key = 'sealed';
  else if (error instanceof AppError && error.code === 'database_unavailable') {
    key = 'databaseUnavailable';
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  } else if (status === 429) key = req.routeOptions?.url === '/r/:slug/status' ? 'lookupLimited' : 'rateLimited';
  else if (error.code === 'FST_REQ_FILE_TOO_LARGE') key = 'photoSize';
  if (status >= 500 && key !== 'databaseUnavailable') req.log.error({ err: error }, 'public page error');
  const slug = Slug.safeParse((req.params as { slug?: unknown } | undefined)?.slug);
  const back =
    slug.success && key !== 'notFound'
      ? { href: formHref(slug.data, language), text: stringsFor('public', language).errors.back }
      : undefined;
  const html = renderMessagePage(
    {
      language,
      switcher: {
        languages: offeredLanguages(undefined, language),
        href: (l) => (slug.success ? formHref(slug.data, l) : `?lang=${l}`),
      },
    },
    stringsFor('public', language).errors[key],
    back,
  );
  return sendHtml(reply, html, status >= 500 && !(error instanceof AppError) ? 500 : status);
}

/** The public report page, its assets, know-your-rights, the Twilio webhook and the SMS blocklist API. */
export async function publicIntakeRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.addHook('onClose', async () => floodProtectionOf(deps).guard.close());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rapid response'];
  r.post(
    '/api/v1/networks/:slug/sms-blocklist',
    {
      config: policy('sms_blocklist.manage'),
      schema: { tags, params: NetworkParams, body: SmsBlocklistRequest, response: { 200: SmsBlocklistResult, ...errors } },
    },
    (req) => blockNumber(contextOf(req, deps), req.params.slug, req.body.number),
  );
  r.delete(
    '/api/v1/networks/:slug/sms-blocklist',
    {
      config: policy('sms_blocklist.manage'),
      schema: { tags, params: NetworkParams, body: SmsBlocklistRequest, response: { 200: SmsBlocklistResult, ...errors } },
    },
    (req) => unblockNumber(contextOf(req, deps), req.params.slug, req.body.number),
  );

  // Receipt look-up: as limited per source as filing, the code only in the body (never in a
  // logged address), and one answer for unknown and malformed codes alike.
  r.post(
    '/api/v1/networks/:slug/receipt-status',
    {
      config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, params: NetworkParams, body: ReceiptStatusRequest, response: { 200: ReceiptStatus, ...errors } },
    },
    (req) => lookUpReceipt(deps, req.params.slug, req.body.code),
  );

  // Twilio's webhook: authenticated by its signature, answered in TwiML.
  app.post(
    '/hooks/sms/twilio/:slug',
    { schema: { hide: true }, config: { rateLimit: { max: WEBHOOK_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = req.body && typeof req.body === 'object' ? (req.body as FormParams) : {};
      const answer = await receiveSms(
        deps,
        slugOf(req.params),
        `${deps.config.publicUrl}${req.url}`,
        body,
        req.headers['x-twilio-signature'] as string | undefined,
      );
      return reply.status(answer.status).type('text/xml; charset=utf-8').send(answer.twiml);
    },
  );

  // HTML pages get their own scope: multipart (one photo) and an HTML error handler.
  await app.register(async (pages) => {
    await pages.register(multipart, {
      throwFileSizeLimit: false,
      limits: { files: 1, fileSize: MAX_PHOTO_BYTES, fields: 20, fieldSize: 16 * 1024, parts: 21, headerPairs: 100 },
    });
    pages.setErrorHandler(htmlErrorHandler);
    const hidden = { schema: { hide: true } };

    pages.get('/r/assets/report.css', hidden, (_req, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(REPORT_CSS),
    );
    pages.get('/r/assets/report.js', hidden, (_req, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(REPORT_JS),
    );

    pages.get('/r/:slug', hidden, async (req, reply) =>
      sendHtml(
        reply,
        renderReportForm(await newReportForm(deps, slugOf(req.params), langQuery(req), req.headers['accept-language'])),
      ),
    );

    pages.post(
      '/r/:slug',
      { ...hidden, config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } } },
      async (req, reply) => {
        const outcome = await submitReportForm(deps, slugOf(req.params), await readForm(req), req.headers['accept-language']);
        return outcome.kind === 'receipt'
          ? sendHtml(reply, renderReceipt(outcome))
          : sendHtml(reply, renderReportForm(outcome), 400);
      },
    );

    pages.get('/r/:slug/status', hidden, async (req, reply) =>
      sendHtml(
        reply,
        renderStatusPage(await statusPage(deps, slugOf(req.params), langQuery(req), req.headers['accept-language'])),
      ),
    );
    pages.post(
      '/r/:slug/status',
      { ...hidden, config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } } },
      async (req, reply) => {
        const model = await statusPage(
          deps,
          slugOf(req.params),
          bodyField(req, 'lang') ?? langQuery(req),
          req.headers['accept-language'],
          bodyField(req, 'code') ?? '',
        );
        return sendHtml(reply, renderStatusPage(model));
      },
    );

    pages.get('/r/:slug/alerts', hidden, async (req, reply) =>
      sendHtml(
        reply,
        renderAlertsPage(
          await alertsPage(contextOf(req, deps), slugOf(req.params), langQuery(req), req.headers['accept-language']),
        ),
      ),
    );

    pages.get('/r/:slug/rights', hidden, async (req, reply) => {
      const slug = slugOf(req.params);
      return sendHtml(
        reply,
        renderRights({ slug, ...(await publicNetworkLanguages(deps, slug, langQuery(req), req.headers['accept-language'])) }),
      );
    });
  });
}
