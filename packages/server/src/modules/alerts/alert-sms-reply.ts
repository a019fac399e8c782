import type { Deps } from '../../platform/context.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { smsReplyText } from './alert-message.ts';
import * as repo from './alerts.repository.ts';
import { confirmEndpoint } from './alerts.service.ts';

const CONFIRM = /^(yes|[0-9]{6})[.!]?$/i;
// Twilio's standard opt-out words.
const STOP = /^(stop|stopall|unsubscribe|cancel|end|quit)[.!]?$/i;

/**
 * An inbound SMS that answers an alert subscription of that very number: YES or the
 * code confirms it (the reply itself proves the number is theirs), STOP ends it.
 * Returns the reply to send, or undefined when the message is not about a subscription
 * (then it is a report like any other).
 */
export async function answerAlertSms(deps: Deps, networkId: string, from: string, body: string): Promise<string | undefined> {
  const text = body.trim();
  const isConfirm = CONFIRM.test(text);
  if (!isConfirm && !STOP.test(text)) return undefined;
  const identity = `sms:${from}`;
  const sub = await repo.findSubscriptionByEndpoint(deps.database.db, networkId, deps.keyring.lookupHash(identity));
  if (!sub) return undefined;
  if (!isConfirm) {
    await deps.database.db.transaction().execute((trx) => repo.deleteSubscription(trx, sub.id));
    return smsReplyText(sub.language, 'stopped');
  }
  // Already confirmed with nothing waiting (e.g. Twilio retrying the same YES): say so again.
  if (sub.confirmedAt && !sub.confirmCodeHash) return smsReplyText(sub.language, 'confirmed');
  const answer = /^yes/i.test(text) ? ({ yes: true } as const) : { code: text.slice(0, 6) };
  const confirmed = await confirmEndpoint(deps, networkId, identity, answer);
  if (confirmed) return smsReplyText(confirmed.language, 'confirmed');
  return stringsFor('errors', sub.pendingChange?.language ?? sub.language).confirmation_invalid;
}
