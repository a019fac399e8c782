import { randomBytes } from 'node:crypto';
import { CreateReportRequest, REPORT_CATEGORIES, type Language } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { callbackCountryOf, openIntake, toE164, type IntakeChallenge } from '../reports/index.ts';
import { fromLocalInput, toLocalInput } from './local-time.ts';
import { AppError } from '../../platform/errors.ts';
import { reencodePhoto, sniffPhotoType } from './photo.ts';
import { offeredLanguages, resolveLanguage, type PublicErrorKey } from './public-language.ts';

/** The form's fields as posted (all text; absent when not sent). */
export interface FormValues {
  category?: string;
  where?: string;
  when?: string;
  what?: string;
  contact?: string;
  lat?: string;
  lng?: string;
  lang?: string;
  /** Idempotency key rendered into the form: a double-tapped submit files one report. */
  key?: string;
  /** Proof-of-work solution (base64 JSON) filled in by the page's script under flood. */
  altcha?: string;
  /** The no-JavaScript fallback: the signed token and the typed digits. */
  check_token?: string;
  check_answer?: string;
}

/** A posted form: its fields, and the photo's bytes or the fact it was too large. */
export interface FormSubmission {
  values: FormValues;
  photo?: { bytes: Buffer } | { tooLarge: true };
  /** The body could not be read to its end: `values` are the fields read before the break. */
  broken?: true;
}

/** A field error, named by the field it belongs to and the text key to show. */
export interface FieldError {
  field: 'category' | 'where' | 'when' | 'what' | 'contact' | 'photo' | 'check';
  key: PublicErrorKey;
}

/** Everything the form view needs. */
export interface FormModel {
  kind: 'form';
  slug: string;
  language: Language;
  languages: Language[];
  values: FormValues;
  errors: FieldError[];
  /** Present while the network is under flood. */
  challenge?: IntakeChallenge;
}

/** What the receipt view needs. */
export interface ReceiptModel {
  kind: 'receipt';
  slug: string;
  language: Language;
  languages: Language[];
  receiptCode: string;
  /** The network's hotline number (a setting), for calling about this report; null when unset. */
  hotline: string | null;
}

const KEY_PATTERN = /^[\w.:-]{8,128}$/;
// A report's time may run a little ahead of ours (phone clocks drift).
const FUTURE_SLACK_MS = 5 * 60_000;
const newFormKey = () => `web-${randomBytes(16).toString('base64url')}`;

/** The form's words for a refused photo: not an image at all, an image that does not decode, or a pixel flood. */
function photoErrorKey(err: unknown, bytes: Buffer): PublicErrorKey {
  if (!sniffPhotoType(bytes)) return 'photoType';
  if (err instanceof AppError && err.code === 'photo_too_large') return 'photoPixels';
  if (err instanceof AppError && err.code === 'photo_unreadable') return 'photoUnreadable';
  throw err;
}

/** The public network's languages (for pages that show no form, like know-your-rights). */
export async function publicNetworkLanguages(deps: Deps, slug: string, lang: unknown, acceptLanguage: string | undefined) {
  const { network } = await openIntake(deps, slug);
  const language = resolveLanguage(lang, acceptLanguage, network.settings.languages);
  return { language, languages: offeredLanguages(network.settings.languages, language) };
}

/** A fresh, empty form in the right language (the time set to now, in the network's zone). */
export async function newReportForm(
  deps: Deps,
  slug: string,
  lang: unknown,
  acceptLanguage: string | undefined,
): Promise<FormModel> {
  const door = await openIntake(deps, slug);
  const { network } = door;
  const language = resolveLanguage(lang, acceptLanguage, network.settings.languages);
  return {
    kind: 'form',
    slug,
    language,
    languages: offeredLanguages(network.settings.languages, language),
    values: { when: toLocalInput(deps.clock.now(), network.timeZone), key: newFormKey() },
    errors: [],
    challenge: await door.challenge(),
  };
}

/**
 * File a report from the public form. Bad input comes back as the same form with its
 * errors (nothing stored); under flood, a solved challenge or a fallback answer is needed;
 * otherwise the report is committed and the receipt returned.
 */
export async function submitReportForm(
  deps: Deps,
  slug: string,
  submission: FormSubmission,
  acceptLanguage: string | undefined,
): Promise<FormModel | ReceiptModel> {
  const door = await openIntake(deps, slug);
  const { network } = door;
  const v = submission.values;
  const language = resolveLanguage(v.lang, acceptLanguage, network.settings.languages);
  const languages = offeredLanguages(network.settings.languages, language);
  const errors: FieldError[] = [];
  const text = (x: string | undefined) => (x ?? '').trim();

  const category = REPORT_CATEGORIES.find((c) => c === v.category);
  if (!category) errors.push({ field: 'category', key: 'category' });

  const point = parsePoint(v.lat, v.lng);
  const where = text(v.where);
  if (where.length > 300) errors.push({ field: 'where', key: 'whereLong' });
  else if (!where && !point) errors.push({ field: 'where', key: 'where' });

  const now = deps.clock.now();
  let observedAt = now;
  if (text(v.when)) {
    const parsed = fromLocalInput(text(v.when), network.timeZone);
    if (!parsed) errors.push({ field: 'when', key: 'when' });
    else if (parsed.getTime() > now.getTime() + FUTURE_SLACK_MS) errors.push({ field: 'when', key: 'whenFuture' });
    else observedAt = parsed;
  }

  const what = text(v.what);
  if (what.length > 2000) errors.push({ field: 'what', key: 'whatLong' });
  const typedContact = text(v.contact);
  // Stored in E.164; what was typed stays in the form if it comes back.
  const contact = typedContact ? toE164(typedContact, callbackCountryOf(network)) : undefined;
  if (typedContact.length > 200) errors.push({ field: 'contact', key: 'contactLong' });
  else if (typedContact && !contact) errors.push({ field: 'contact', key: 'contactInvalid' });

  let photoBase64: string | undefined;
  if (submission.photo && 'tooLarge' in submission.photo) errors.push({ field: 'photo', key: 'photoSize' });
  else if (submission.photo && submission.photo.bytes.length > 0) {
    try {
      photoBase64 = (await reencodePhoto(submission.photo.bytes)).bytes.toString('base64');
    } catch (err) {
      errors.push({ field: 'photo', key: photoErrorKey(err, submission.photo.bytes) });
    }
  }

  const report: z.infer<typeof CreateReportRequest> = {
    category: category ?? 'other',
    ...(where ? { locationText: where } : {}),
    ...(point ? { point } : {}),
    observedAt: observedAt.toISOString(),
    ...(what ? { description: what } : {}),
    language,
    ...(contact ? { contact } : {}),
  };
  // The shared schema has the last word, so this door accepts nothing the JSON API would not.
  if (errors.length === 0 && !CreateReportRequest.safeParse(report).success) errors.push({ field: 'what', key: 'server' });

  // A cut body is the only thing to say: what is missing from it was lost on the way, not
  // left out. Said at the photo: most often an upload broke off, and it must be chosen again.
  if (submission.broken) errors.splice(0, errors.length, { field: 'photo', key: 'formBroken' });

  // The challenge is spent only once the rest is right, so a typo does not cost a solve.
  if (
    errors.length === 0 &&
    !(await door.passes({ pow: v.altcha, fallback: { token: v.check_token, answer: v.check_answer } }))
  ) {
    errors.push({ field: 'check', key: 'check' });
  }

  if (errors.length > 0) {
    const key = v.key && KEY_PATTERN.test(v.key) ? v.key : newFormKey();
    return {
      kind: 'form',
      slug,
      language,
      languages,
      values: { ...v, key, altcha: undefined, check_token: undefined, check_answer: undefined },
      errors,
      challenge: await door.challenge(),
    };
  }

  const receipt = await door.submit({
    report,
    source: 'web',
    language,
    idempotencyKey: v.key && KEY_PATTERN.test(v.key) ? v.key : undefined,
    photoBase64,
  });
  return {
    kind: 'receipt',
    slug,
    language,
    languages,
    receiptCode: receipt.receiptCode,
    hotline: network.settings.rapidResponse.hotlineNumber ?? null,
  };
}

function parsePoint(lat: string | undefined, lng: string | undefined) {
  if (!lat?.trim() || !lng?.trim()) return undefined;
  const la = Number(lat);
  const ln = Number(lng);
  if (!Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) return undefined;
  return { lat: la, lng: ln };
}
