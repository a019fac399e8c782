import { ERROR_MESSAGES, ERROR_CODES, type ErrorCode } from '@switchboard/shared/runtime';
import { currentLanguage, translate } from './language.ts';
import { reportReachable } from './use-online.ts';

/** An error returned by the API, or a network failure (code "network"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Call the JSON API on the same origin with the session cookie and the UI language. With an
 * idempotency key, the server answers a repeat with the first answer (kit/pending-actions.ts).
 */
export async function api<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    reportReachable(false);
    throw new ApiError(0, 'network', 'network');
  }
  reportReachable(true);
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const code = (ERROR_CODES as readonly string[]).includes(err?.code ?? '')
      ? (err!.code as ErrorCode)
      : res.status === 401
        ? 'unauthenticated'
        : res.status === 403
          ? 'forbidden'
          : res.status === 404
            ? 'not_found'
            : res.status === 429
              ? 'rate_limited'
              : 'internal_error';
    throw new ApiError(res.status, code, err?.message ?? code, err?.details);
  }
  return data as T;
}

/** A message for an error, in the reader's language, saying what to do. Never a raw code. */
export function errorMessage(error: unknown): string {
  const lang = currentLanguage();
  if (error instanceof ApiError) {
    if (error.code === 'network') return translate('common:errors.network');
    return ERROR_MESSAGES[lang]?.[error.code] ?? ERROR_MESSAGES.en[error.code];
  }
  return ERROR_MESSAGES[lang]?.internal_error ?? ERROR_MESSAGES.en.internal_error;
}

/**
 * Field-level errors from a validation_failed response (details.fields[].path
 * like "/newPassword" or "/notificationChannels/phone"), keyed by the first
 * path segment, each with a message in the reader's language.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  // The server sends either [{path: "/a/b", message}] or ["a"]: accept both.
  const fields = (error.details as { fields?: unknown[] } | undefined)?.fields ?? [];
  const out: Record<string, string> = {};
  for (const f of fields) {
    const path = typeof f === 'string' ? f : ((f as { path?: unknown } | null)?.path ?? '');
    const parts = String(path).split(/[/.]/).filter(Boolean);
    if (parts.length === 0) continue;
    const msg = translate('common:errors.field');
    out[parts[0]] = msg;
    out[parts.join('.')] = msg;
  }
  return out;
}
