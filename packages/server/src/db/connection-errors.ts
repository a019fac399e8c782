/**
 * Errors that mean "the database cannot be reached right now", not "this statement is
 * wrong": the server answers them with a 503 and tries again later, it does not crash
 * or report a bug. PostgreSQL's own codes (class 08 and the shutdown codes of 57P) and
 * what node-postgres and the socket say when the connection goes or cannot be opened.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
const MESSAGES = [
  // node-postgres, when the server closes the socket (also "… due to connection timeout").
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /not queryable/,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (SQLSTATES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  // A connect to every address of a host fails as one AggregateError.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
