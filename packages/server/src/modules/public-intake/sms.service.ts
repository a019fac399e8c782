import { createHash } from 'node:crypto';
import { toLanguage, type Language } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { createKeyedLimiter, type KeyedLimiter } from '../../platform/flood/keyed-limiter.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { answerAlertSms } from '../alerts/index.ts';
import { openIntake } from '../reports/index.ts';
import * as blocklist from './blocklist.repository.ts';
import { numberHash } from './blocklist.service.ts';
import { normalizePhoneNumber } from './phone-number.ts';
import { detectLanguage, languageKeyword } from './sms-language.ts';
import { isValidTwilioSignature, type FormParams } from './twilio-signature.ts';

/** What the webhook answers: a status and TwiML (empty `<Response/>` sends no reply SMS). */
export interface SmsAnswer {
  status: number;
  twiml: string;
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
// A language a sender chose by keyword is remembered this long (in memory, by keyed hash).
const CHOICE_TTL_MS = 24 * 3600_000;
const MAX_CHOICES = 20_000;

const xml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const reply = (text: string): SmsAnswer => ({
  status: 200,
  twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xml(text)}</Message></Response>`,
});

interface SmsState {
  limiter: KeyedLimiter;
  choices: Map<string, { language: Language; until: number }>;
}
const states = new WeakMap<Deps, SmsState>();
function stateOf(deps: Deps): SmsState {
  let s = states.get(deps);
  if (!s) {
    s = {
      limiter: createKeyedLimiter(deps.clock, { max: deps.config.reportLimitPerMinute, windowMs: 60_000 }),
      choices: new Map(),
    };
    states.set(deps, s);
  }
  return s;
}

/** A sender's in-memory key while sealed (never stored): SHA-256 of the normalized number. */
const sealedSenderKey = (from: string) =>
  createHash('sha256')
    .update(`sealed-sms-sender:${normalizePhoneNumber(from)}`)
    .digest('hex');

const one = (v: FormParams[string]) => (Array.isArray(v) ? v[0] : v);

/**
 * Twilio's inbound-message webhook. Order matters: the signature is checked before
 * anything is read, a blocked or over-limit sender gets silence (no report, no reply
 * to spend money on), and the report is committed before the receipt is sent.
 */
export async function receiveSms(
  deps: Deps,
  slug: string,
  url: string,
  params: FormParams,
  signature: string | undefined,
): Promise<SmsAnswer> {
  const token = deps.config.twilio?.authToken;
  if (!token || !isValidTwilioSignature(token, url, params, signature)) throw forbidden();

  const sid = one(params.MessageSid);
  const from = one(params.From);
  const body = (one(params.Body) ?? '').slice(0, 2000);
  if (!sid || !/^[A-Za-z0-9]{10,64}$/.test(sid) || !from || from.length > 64) return { status: 400, twiml: EMPTY };

  const door = await openIntake(deps, slug);
  const { network } = door;
  // Sealed, the keyed hash cannot be made: the per-sender limit counts under a plain hash kept
  // in memory only, and the blocklist is applied when the held report is filed on unseal.
  const sealed = deps.keyring.sealed;
  const hash = sealed ? sealedSenderKey(from) : numberHash({ deps }, from);
  if (!sealed && (await blocklist.isBlocked(deps.database.db, network.id, hash))) return { status: 200, twiml: EMPTY };
  const state = stateOf(deps);
  if (!state.limiter.hit(hash)) return { status: 200, twiml: EMPTY };
  // YES, an alert code or STOP from a number with an alert subscription answers that subscription
  // (not while sealed: subscriptions are found by keyed hash; the message is held, and applied
  // as that answer when it is filed on unseal: heldAlertReply below).
  const alertReply = sealed ? undefined : await answerAlertSms(deps, network.id, from, body);
  if (alertReply) return reply(alertReply);

  const networkDefault = toLanguage(network.settings.languages[0]) ?? 'en';
  const now = deps.clock.now().getTime();
  const keyword = languageKeyword(body);
  if (keyword) {
    if (state.choices.size >= MAX_CHOICES) state.choices.delete(state.choices.keys().next().value as string);
    state.choices.set(hash, { language: keyword.language, until: now + CHOICE_TTL_MS });
  }
  const text = keyword ? keyword.rest : body.trim();
  const remembered = state.choices.get(hash);
  const chosen = keyword?.language ?? (remembered && remembered.until > now ? remembered.language : undefined);
  const detected = chosen ? undefined : detectLanguage(text);
  const language = chosen ?? detected ?? networkDefault;
  const s = stringsFor('public', language);
  // A bare keyword (or an empty message) is a choice, not a report: ask for the report.
  if (!text) return reply(s.sms.prompt);

  // Signed by Twilio and rate-limited per sender above: no challenge on this door (SMS cannot solve one).
  const receipt = await door.submit({
    report: { category: 'other', description: text, contact: from, language },
    source: 'sms',
    language,
    smsMessageSid: sid,
    needsStructuring: true,
  });
  const r = stringsFor('public', toLanguage(receipt.language) ?? language);
  const link = `${deps.config.publicUrl}/r/${slug}/rights?lang=${receipt.language}`;
  const message = fill(r.sms.receipt, { code: receipt.receiptCode, link });
  // Offer the other languages when we fell back to the default without a sign from the sender.
  const offer = !chosen && !detected ? ` ${r.sms.languages}` : '';
  return reply(message + offer);
}

/**
 * An SMS held while sealed, filed on unseal: if it answers the sender's alert subscription (YES,
 * its code, STOP), apply it now and say so, so it is not filed as a report. Its reply text is
 * not sent: the sender asked hours ago, and Twilio already honours STOP on its side.
 */
export async function heldAlertReply(deps: Deps, networkId: string, from: string, body: string): Promise<boolean> {
  return (await answerAlertSms(deps, networkId, from, body)) !== undefined;
}
