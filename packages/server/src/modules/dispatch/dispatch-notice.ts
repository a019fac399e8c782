import { DEFAULT_LANGUAGE, toLanguage, type DispatchOutboxPayload } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import type { OutboundMessage, PayloadHandler } from '../notify/index.ts';

/** The outbox payload a dispatch writes for each channel of the responder. */
type DispatchPayload = z.infer<typeof DispatchOutboxPayload>;

/**
 * "You are asked to respond", in the responder's language. It names the kind of report
 * but never the place: the address is shown in the app, to the signed-in responder.
 */
export function renderDispatchNotice(payload: DispatchPayload, to: string, publicUrl: string): OutboundMessage {
  const lang = toLanguage(payload.language) ?? DEFAULT_LANGUAGE;
  const s = stringsFor('dispatch', lang);
  // Category names are the alerts' own, so a responder and a subscriber read the same words.
  const categories = stringsFor('alerts', lang).category;
  const category = categories[payload.category as keyof typeof categories] ?? categories.other;
  const link = `${publicUrl}/`;
  const text = fill(s.text, { category, link });
  return { to, subject: s.subject, text, push: { title: s.subject, body: text, url: link } };
}

/** Outbox handler for dispatch notices. */
export function dispatchPayloadHandler(deps: Deps): PayloadHandler {
  return {
    async render(_row, payload, recipient) {
      return payload.type === 'dispatch' ? renderDispatchNotice(payload, recipient, deps.config.publicUrl) : undefined;
    },
  };
}
