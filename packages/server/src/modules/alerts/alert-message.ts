import { cellToLatLng } from 'h3-js';
import { DEFAULT_LANGUAGE, toLanguage } from '@switchboard/shared';
import { fill, type Strings, stringsFor } from '../../platform/i18n/strings.ts';
import type { OutboundMessage } from '../notify/index.ts';

type AlertStrings = Strings<'alerts'>;

/** What an alert message is made from (the outbox payload plus where links point). */
export interface AlertMessageInput {
  kind: 'verified' | 'update' | 'all_clear';
  /** Which update (kind `update`); older rows without one read as "still going on". */
  preset?: string | null;
  category: string;
  /** H3 cell of the incident (resolution 7). */
  area: string;
  /** Where, in words, when the network's gazetteer knew. */
  areaName?: string | null;
  placeName?: string | null;
  language: string;
  discreet: boolean;
  /** Public base URL and network slug, for the know-your-rights link. */
  publicUrl: string;
  slug: string;
}

/**
 * Where, in human words: "Phillips West, near Lake St & Chicago Ave" when the gazetteer
 * named it; otherwise the alert cell's centre rounded to ~1 km (a network with no places yet).
 */
export function describeArea(
  cell: string,
  s: AlertStrings,
  names: { areaName?: string | null; placeName?: string | null } = {},
): string {
  const { areaName, placeName } = names;
  if (areaName && placeName) return fill(s.areaNear, { area: areaName, place: placeName });
  if (areaName || placeName) return (areaName ?? placeName)!;
  const [lat, lng] = cellToLatLng(cell);
  return fill(s.area, { lat: lat.toFixed(2), lng: lng.toFixed(2) });
}

/**
 * Render one alert for one subscriber. Discreet subscribers get a generic line with no
 * category, place or network link (lock screens and shared phones); everyone else gets
 * the category, a coarse area and the know-your-rights page in their language.
 */
export function renderAlertMessage(input: AlertMessageInput, to: string): OutboundMessage {
  const lang = toLanguage(input.language) ?? DEFAULT_LANGUAGE;
  const s = stringsFor('alerts', lang);
  if (input.discreet) {
    return {
      to,
      subject: s.discreet.title,
      text: s.discreet.text,
      push: { title: s.discreet.title, body: s.discreet.text, url: `${input.publicUrl}/` },
    };
  }
  const title = s.title[input.kind];
  const category = s.category[input.category as keyof AlertStrings['category']] ?? s.category.other;
  const area = describeArea(input.area, s, input);
  const link = `${input.publicUrl}/r/${input.slug}/rights?lang=${lang}`;
  const template =
    input.kind === 'update'
      ? (s.updates[input.preset as keyof AlertStrings['updates']] ?? s.message.update)
      : s.message[input.kind];
  const text = fill(template, { title, category, area, link });
  // An update's push says which update, as its SMS does; a push body is one short line without the link.
  const pushUpdate = input.kind === 'update' ? s.pushUpdates[input.preset as keyof AlertStrings['pushUpdates']] : undefined;
  return {
    to,
    subject: fill(s.subject, { title, category }),
    text,
    push: { title, body: pushUpdate ? fill(pushUpdate, { category, area }) : `${category} — ${area}`, url: link },
  };
}

/** What a confirmation message is made from. */
export interface ConfirmationMessageInput {
  code: string;
  language: string;
  discreet: boolean;
  channel: string;
  /** Public base URL and network slug, for the alerts page link (email). */
  publicUrl: string;
  slug: string;
}

/**
 * The code that confirms an SMS or email subscription, in the subscriber's language.
 * Discreet subscribers get the code alone; nobody's lock screen says what it is for.
 */
export function renderConfirmationMessage(input: ConfirmationMessageInput, to: string): OutboundMessage {
  const s = stringsFor('alerts', input.language).confirm;
  if (input.discreet) return { to, subject: s.discreetSubject, text: fill(s.discreet, { code: input.code }) };
  const link = `${input.publicUrl}/n/${input.slug}/alerts`;
  return { to, subject: s.subject, text: fill(input.channel === 'sms' ? s.sms : s.email, { code: input.code, link }) };
}

/** SMS replies about a subscription (confirmed by a reply, or stopped), in its language. */
export function smsReplyText(language: string, which: 'confirmed' | 'stopped'): string {
  return stringsFor('alerts', language).confirm[which];
}
