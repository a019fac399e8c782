import type { ErrorCode } from '@switchboard/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../db/connection-errors.ts';
import { AppError } from '../errors.ts';
import { stringsFor } from '../i18n/strings.ts';

/** Send `{ error: { code, message, details } }` with the message in the caller's language. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, details?: unknown) {
  const language = request.language ?? 'en';
  return reply
    .status(status)
    .send({ error: { code, message: stringsFor('errors', language)[code], ...(details === undefined ? {} : { details }) } });
}

// Fastify's own errors for bad input, mapped to our stable codes.
const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'bad_request'],
  FST_ERR_VALIDATION: [400, 'validation_failed'],
};

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** A lost or unreachable database, as the 503 every door answers with (nothing is acknowledged). */
export function databaseUnavailable(error: unknown): AppError | undefined {
  return isDatabaseUnavailable(error) ? new AppError('database_unavailable', 503) : undefined;
}

/** The one error handler: known errors get their code; anything else is logged and hidden. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.status, error.code, error.details);
    if (databaseUnavailable(error)) {
      // Expected while PostgreSQL restarts or fails over: no stack trace per request.
      request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendError(request, reply, 503, 'database_unavailable');
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return sendError(request, reply, 400, 'validation_failed', { fields });
    }
    if (error.statusCode === 429) return sendError(request, reply, 429, 'rate_limited');
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(request, reply, mapped[0], mapped[1]);
    if (error instanceof SyntaxError) return sendError(request, reply, 400, 'malformed_json');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendError(request, reply, error.statusCode, 'bad_request');
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal_error');
  });
}
