import { LANGUAGES, pickLanguage, Slug, toLanguage } from '@switchboard/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable } from '../../platform/http/error-handler.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { careStatusPage, newCareForm, submitCareForm, type CareFormValues } from './public-form.service.ts';
import { careFormHref, renderCareForm, renderCareReceipt, renderCareStatus } from './public-form.view.ts';
import { esc, renderCarePage } from './public-page.view.ts';

// Public pages must not linger in caches or the back-forward history of a shared phone.
const NO_STORE = 'no-store';
const hidden = { schema: { hide: true } };

const slugOf = (params: unknown) => {
  const parsed = Slug.safeParse((params as { slug?: unknown }).slug);
  if (!parsed.success) throw notFound();
  return parsed.data;
};
const langQuery = (req: FastifyRequest) => (req.query as { lang?: unknown } | undefined)?.lang;
/** The posted fields as text (the first of a repeated name), nothing else. */
function formValues(req: FastifyRequest): CareFormValues {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  const values: CareFormValues = {};
  for (const [name, raw] of Object.entries(body)) {
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (typeof v === 'string' && name.length <= 32) values[name] = v;
  }
  if (values.lang === undefined && typeof langQuery(req) === 'string') values.lang = langQuery(req) as string;
  return values;
}

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).header('cache-control', NO_STORE).type('text/html; charset=utf-8').send(html);
}

/** Errors on these pages are a short page in the reader's language with a way back: no JSON, no codes, no stack. */
function htmlErrorHandler(raised: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const error = databaseUnavailable(raised) ?? raised;
  const asked = langQuery(req) ?? (req.body as { lang?: unknown } | undefined)?.lang;
  const language =
    (typeof asked === 'string' ? toLanguage(asked) : undefined) ?? pickLanguage(req.headers['accept-language']) ?? 'en';
  const status =
    error instanceof AppError
      ? error.status
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
  const s = stringsFor('care-form', language);
  const code = error instanceof AppError ? error.code : undefined;
  let message = s.errors.pageError;
  if (code === 'not_found') message = stringsFor('public', language).errors.notFound;
  else if (code === 'sealed') message = s.errors.sealed;
  else if (code === 'database_unavailable') {
    message = s.errors.databaseUnavailable;
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  } else if (status === 429)
    message =
      req.routeOptions?.url === '/help/:slug/status' ? stringsFor('public', language).errors.lookupLimited : s.errors.rateLimited;
  if (status >= 500 && code !== 'database_unavailable') req.log.error({ err: error }, 'public page error');
  const slug = Slug.safeParse((req.params as { slug?: unknown } | undefined)?.slug);
  const back =
    slug.success && code !== 'not_found'
      ? `<p><a href="${esc(careFormHref(slug.data, language))}">${esc(s.status.back)}</a></p>`
      : '';
  const html = renderCarePage(
    { language, languages: LANGUAGES, href: (l) => (slug.success ? careFormHref(slug.data, l) : `?lang=${l}`) },
    `<h1>${esc(message)}</h1>${back}`,
  );
  return sendHtml(reply, html, status >= 500 && !(error instanceof AppError) ? 500 : status);
}

/** The no-JavaScript request form, its receipt and the status look-up, at /help/:slug. */
export async function registerCarePublicPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const limited = { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } };
  await app.register(async (pages) => {
    pages.setErrorHandler(htmlErrorHandler);
    pages.get('/help/:slug', hidden, async (req, reply) =>
      sendHtml(
        reply,
        renderCareForm(await newCareForm(deps, slugOf(req.params), langQuery(req), req.headers['accept-language'])),
      ),
    );
    pages.post('/help/:slug', { ...hidden, config: limited }, async (req, reply) => {
      const { status, model } = await submitCareForm(deps, slugOf(req.params), formValues(req), req.headers['accept-language']);
      return sendHtml(reply, model.kind === 'receipt' ? renderCareReceipt(model) : renderCareForm(model), status);
    });
    pages.get('/help/:slug/status', hidden, async (req, reply) =>
      sendHtml(
        reply,
        renderCareStatus(await careStatusPage(deps, slugOf(req.params), langQuery(req), req.headers['accept-language'])),
      ),
    );
    // The code only in the body, never in a logged address.
    pages.post('/help/:slug/status', { ...hidden, config: limited }, async (req, reply) => {
      const values = formValues(req);
      const model = await careStatusPage(
        deps,
        slugOf(req.params),
        values.lang,
        req.headers['accept-language'],
        values.code ?? '',
      );
      return sendHtml(reply, renderCareStatus(model));
    });
  });
}
