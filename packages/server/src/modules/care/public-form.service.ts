import { randomBytes } from 'node:crypto';
import { CARE_KINDS, CreateCareRequest, LANGUAGES, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Strings } from '../../platform/i18n/strings.ts';
import { networkBySlug } from '../networks/index.ts';
import { careReceiptStatus, submitPublicRequest } from './requests.service.ts';

/** How many item rows the form shows: enough for a family's list, no script to add more. */
export const ITEM_ROWS = 4;
/** An error key of the request form (namespace `care-form`). */
export type CareFormErrorKey = keyof Strings<'care-form'>['errors'];
/** The form's fields as posted (all text; absent when not sent). */
export type CareFormValues = Partial<Record<string, string>>;
/** A field error: the field's id in the page and the text to show. */
export interface CareFieldError {
  field: string;
  key: CareFormErrorKey;
}

interface PageBase {
  slug: string;
  language: Language;
  languages: Language[];
}
/** The form, empty or back with its errors and everything that was typed. */
export interface CareFormModel extends PageBase {
  kind: 'form';
  values: CareFormValues;
  errors: CareFieldError[];
}
/** The receipt after a request was filed. */
export interface CareReceiptModel extends PageBase {
  kind: 'receipt';
  receiptCode: string;
}
/** The status page, before or after a look-up ('unknown': no such code). */
export interface CareStatusModel extends PageBase {
  answer?: { status: 'new' | 'accepted' | 'declined' | 'merged'; reason: string | null } | 'unknown';
}

const KEY_PATTERN = /^[\w.:-]{8,128}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]+$/;
const newFormKey = () => `help-${randomBytes(16).toString('base64url')}`;
const text = (x: string | undefined) => (x ?? '').trim();

/** The page language (?lang= or the form's field, else the browser's, else the network's first) and the switcher's. */
async function pageOf(deps: Deps, slug: string, lang: unknown, acceptLanguage: string | undefined): Promise<PageBase> {
  const network = await networkBySlug(deps, slug);
  if (!network) throw notFound();
  const offered = network.settings.languages.map((l) => toLanguage(l)).filter((l): l is Language => !!l);
  const explicit = typeof lang === 'string' ? toLanguage(lang) : undefined;
  const browser = pickLanguage(acceptLanguage);
  const language =
    explicit ?? (browser && (offered.length === 0 || offered.includes(browser)) ? browser : (offered[0] ?? browser ?? 'en'));
  return { slug, language, languages: LANGUAGES.filter((l) => offered.includes(l) || l === language) };
}

/** A fresh form in the right language, with a new idempotency key. */
export async function newCareForm(deps: Deps, slug: string, lang: unknown, acceptLanguage: string | undefined) {
  const page = await pageOf(deps, slug, lang, acceptLanguage);
  return { kind: 'form', ...page, values: { key: newFormKey() }, errors: [] } satisfies CareFormModel;
}

/** The form's values as a request, or the errors to show beside the fields. */
function parse(v: CareFormValues, language: Language) {
  const errors: CareFieldError[] = [];
  const kind = CARE_KINDS.find((k) => k === v.kind);
  if (!kind) errors.push({ field: 'kind', key: 'kind' });

  const items: { name: string; quantity: number }[] = [];
  for (let i = 0; i < ITEM_ROWS; i++) {
    const name = text(v[`item_${i}`]);
    const qty = text(v[`qty_${i}`]);
    if (!name) continue; // a quantity without an item is a row left half-filled: nothing to bring
    if (name.length > 120) errors.push({ field: `item_${i}`, key: 'itemLong' });
    // A blank quantity is one: "milk" means some milk.
    const quantity = qty === '' ? 1 : /^\d{1,4}$/.test(qty) ? Number(qty) : Number.NaN;
    if (!(quantity >= 1 && quantity <= 1000)) errors.push({ field: `qty_${i}`, key: 'quantity' });
    items.push({ name, quantity });
  }
  if (items.length === 0) errors.push({ field: 'item_0', key: 'items' });

  const typed = text(v.address);
  const neighbourhood = text(v.neighbourhood);
  if (neighbourhood.length > 100) errors.push({ field: 'neighbourhood', key: 'neighbourhoodLong' });
  // The neighbourhood travels with the address: sealed with it, and read by the gazetteer for the coarse area.
  const address = neighbourhood ? `${typed}, ${neighbourhood}` : typed;
  if (typed.length < 3) errors.push({ field: 'address', key: 'address' });
  else if (address.length > 500) errors.push({ field: 'address', key: 'addressLong' });

  const contact = text(v.contact);
  const digits = contact.replace(/\D/g, '').length;
  if (!contact) errors.push({ field: 'contact', key: 'contact' });
  else if (contact.length > 200 || !(EMAIL.test(contact) || (PHONE.test(contact) && digits >= 7 && digits <= 15)))
    errors.push({ field: 'contact', key: 'contactInvalid' });

  const input: z.infer<typeof CreateCareRequest> = {
    kind: kind ?? 'other',
    items,
    contact,
    address,
    language: (typeof v.language === 'string' ? toLanguage(v.language) : undefined) ?? language,
    ...(v.discreet === '1' ? { discreet: true } : {}),
  };
  // The shared schema has the last word: this door accepts nothing the JSON API would not.
  if (errors.length === 0 && !CreateCareRequest.safeParse(input).success) errors.push({ field: 'kind', key: 'server' });
  return { input, errors };
}

/**
 * File a request from the form. Bad input, or a sealed server, comes back as the same form with
 * what was typed and the errors (nothing stored); otherwise the receipt. The form's key makes a
 * double-tapped or re-sent submit file one request.
 */
export async function submitCareForm(
  deps: Deps,
  slug: string,
  values: CareFormValues,
  acceptLanguage: string | undefined,
): Promise<{ status: number; model: CareFormModel | CareReceiptModel }> {
  const page = await pageOf(deps, slug, values.lang, acceptLanguage);
  const key = values.key && KEY_PATTERN.test(values.key) ? values.key : undefined;
  const { input, errors } = parse(values, page.language);
  const again = (status: number, errs: CareFieldError[]) => ({
    status,
    model: { kind: 'form', ...page, values: { ...values, key: key ?? newFormKey() }, errors: errs } satisfies CareFormModel,
  });
  if (errors.length > 0) return again(400, errors);
  try {
    const receipt = await submitPublicRequest(deps, slug, input, key);
    return { status: 200, model: { kind: 'receipt', ...page, receiptCode: receipt.receiptCode } };
  } catch (error) {
    // No key, no way to seal the address: keep the answers on the page rather than lose them.
    if (error instanceof AppError && error.code === 'sealed') return again(503, [{ field: 'kind', key: 'sealed' }]);
    throw error;
  }
}

/** The status page; after a look-up, the status and a decline reason, nothing else. Unknown and malformed codes alike: 'unknown'. */
export async function careStatusPage(
  deps: Deps,
  slug: string,
  lang: unknown,
  acceptLanguage: string | undefined,
  code?: unknown,
): Promise<CareStatusModel> {
  const page = await pageOf(deps, slug, lang, acceptLanguage);
  if (code === undefined) return page;
  if (typeof code !== 'string' || code.length > 64) return { ...page, answer: 'unknown' };
  try {
    return { ...page, answer: await careReceiptStatus(deps, slug, code) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return { ...page, answer: 'unknown' };
    throw error;
  }
}
