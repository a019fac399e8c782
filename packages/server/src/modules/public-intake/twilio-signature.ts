import { createHmac, timingSafeEqual } from 'node:crypto';

/** POST parameters as @fastify/formbody parses them (a repeated name becomes an array). */
export type FormParams = Record<string, string | string[] | undefined>;

/**
 * Twilio's request signature: HMAC-SHA1 (key: the auth token) over the full URL followed by
 * every POST parameter, sorted by name, as name + value; base64.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...value].sort() : value === undefined ? [] : [value];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Compare a request's X-Twilio-Signature with the expected one in constant time. */
export function isValidTwilioSignature(authToken: string, url: string, params: FormParams, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
