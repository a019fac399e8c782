import type { ErrorCode } from '@switchboard/shared';

/** The one error type services throw; the error handler turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** 401: no valid session. */
export const unauthenticated = () => new AppError('unauthenticated', 401);
/** 403: signed in but not allowed. */
export const forbidden = () => new AppError('forbidden', 403);
/** 404: missing, or hidden from this caller (we never confirm what they may not see). */
export const notFound = () => new AppError('not_found', 404);
/** 409: state conflict with a specific code. */
export const conflict = (code: ErrorCode = 'conflict', details?: unknown) => new AppError(code, 409, details);
/** 400 with a specific code. */
export const badRequest = (code: ErrorCode = 'bad_request', details?: unknown) => new AppError(code, 400, details);
