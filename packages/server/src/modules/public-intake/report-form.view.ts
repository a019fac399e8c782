import { REPORT_CATEGORIES, type Language } from '@switchboard/shared';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { esc, renderPage, type PageFrame } from './page.view.ts';
import type { PublicStrings } from './public-language.ts';
import type { FieldError, FormModel, ReceiptModel } from './report-form.service.ts';

/** Link to the form in a language. */
export const formHref = (slug: string, l: Language) => `/r/${encodeURIComponent(slug)}?lang=${l}`;
/** Link to know-your-rights in a language. */
export const rightsHref = (slug: string, l: Language) => `/r/${encodeURIComponent(slug)}/rights?lang=${l}`;
/** Link to the receipt status look-up in a language. */
export const statusHref = (slug: string, l: Language) => `/r/${encodeURIComponent(slug)}/status?lang=${l}`;
/** Link to the care network's public request form (care module's page, by its address only). */
export const careHelpHref = (slug: string, l: Language) => `/help/${encodeURIComponent(slug)}?lang=${l}`;
/** Link to the web app's alert page for the network's areas (sign-up needs its script; without it, it links to the plain list). */
export const alertsAppHref = (slug: string) => `/n/${encodeURIComponent(slug)}/alerts`;

const frameOf = (m: { slug: string; language: Language; languages: Language[] }, href = formHref): PageFrame => ({
  language: m.language,
  switcher: { languages: m.languages, href: (l) => href(m.slug, l) },
});

/** A text field with its label, hint and error wired up for screen readers. */
function field(
  id: string,
  label: string,
  hint: string | undefined,
  error: string | undefined,
  control: (describedBy: string, invalid: string) => string,
): string {
  const ids = [hint ? `h-${id}` : '', error ? `e-${id}` : ''].filter(Boolean).join(' ');
  return `<div class="field"><label class="f" for="f-${id}">${esc(label)}</label>${hint ? `<span class="hint" id="h-${id}">${esc(hint)}</span>` : ''}${error ? `<span class="err" id="e-${id}">${esc(error)}</span>` : ''}${control(ids ? ` aria-describedby="${ids}"` : '', error ? ' aria-invalid="true"' : '')}</div>`;
}

/** The public report form: plain HTML that works with JavaScript off. */
export function renderReportForm(m: FormModel): string {
  const s = stringsFor('public', m.language);
  const v = m.values;
  const errorOf = (f: FieldError['field']) => {
    const e = m.errors.find((x) => x.field === f);
    return e ? s.errors[e.key] : undefined;
  };
  const summary = m.errors.length
    ? `<div class="errors" id="errors" role="alert"><h2>${esc(s.errors.summary)}</h2><ul>${m.errors.map((e) => `<li><a href="#f-${e.field}">${esc(s.errors[e.key])}</a></li>`).join('')}</ul></div>`
    : '';

  const catError = errorOf('category');
  const categories = `<fieldset id="f-category"${catError ? ' aria-describedby="e-category"' : ''}><legend>${esc(s.form.category)}</legend>${catError ? `<span class="err" id="e-category">${esc(catError)}</span>` : ''}${REPORT_CATEGORIES.map(
    (c) =>
      `<label class="opt"><input type="radio" name="category" value="${c}"${v.category === c ? ' checked' : ''}> ${esc(s.categories[c])}</label>`,
  ).join('')}</fieldset>`;

  const where = field(
    'where',
    s.form.where,
    s.form.whereHint,
    errorOf('where'),
    (d, inv) =>
      `<input type="text" id="f-where" name="where" maxlength="300" value="${esc(v.where)}"${d}${inv}><div id="loc" hidden><button type="button" class="loc">${esc(s.form.useLocation)}</button> <span id="loc-status" role="status" data-ok="${esc(s.form.locationAdded)}" data-fail="${esc(s.form.locationFailed)}"></span></div>`,
  );
  const when = field(
    'when',
    s.form.when,
    s.form.whenHint,
    errorOf('when'),
    (d, inv) => `<input type="datetime-local" id="f-when" name="when" value="${esc(v.when)}" class="ltr"${d}${inv}>`,
  );
  const what = field(
    'what',
    s.form.what,
    s.form.whatHint,
    errorOf('what'),
    (d, inv) => `<textarea id="f-what" name="what" rows="5" maxlength="2000"${d}${inv}>${esc(v.what)}</textarea>`,
  );
  const photo = field(
    'photo',
    s.form.photo,
    s.form.photoHint,
    errorOf('photo'),
    (d, inv) => `<input type="file" id="f-photo" name="photo" accept="image/jpeg,image/png,image/webp"${d}${inv}>`,
  );
  const contact = field(
    'contact',
    s.form.contact,
    s.form.contactHint,
    errorOf('contact'),
    (d, inv) => `<input type="tel" id="f-contact" name="contact" maxlength="200" dir="ltr" value="${esc(v.contact)}"${d}${inv}>`,
  );

  const main = `<h1>${esc(s.form.heading)}</h1><p>${esc(s.form.intro)}</p>${summary}
<form class="report" method="post" action="${esc(formHref(m.slug, m.language))}" enctype="multipart/form-data" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="lang" value="${m.language}"><input type="hidden" name="key" value="${esc(v.key)}"><input type="hidden" name="lat" value="${esc(v.lat)}"><input type="hidden" name="lng" value="${esc(v.lng)}">
${categories}${where}${when}${what}${photo}${contact}${m.challenge ? renderCheck(m, s, errorOf('check')) : ''}
<button type="submit" class="send">${esc(s.form.submit)}</button>
<div id="kept" class="kept" hidden><p id="kept-msg" role="status" data-msg="${esc(s.form.offlineKept)}"></p><button type="button" class="loc">${esc(s.form.offlineRetry)}</button></div>
</form>
<p><a href="${esc(rightsHref(m.slug, m.language))}">${esc(s.form.rights)}</a></p>
<p><a href="${esc(careHelpHref(m.slug, m.language))}">${esc(s.form.helpLink)}</a></p>`;
  return renderPage(frameOf(m), main);
}

/** The flood check: the script solves the proof of work; without it, type the digits. */
function renderCheck(m: FormModel, s: PublicStrings, error: string | undefined): string {
  const c = m.challenge!;
  const question = fill(s.check.question, { digits: c.question.digits.split('').join(' ') });
  return `<fieldset class="check" id="f-check"><legend>${esc(s.check.heading)}</legend><p>${esc(s.check.intro)}</p>${error ? `<span class="err" id="e-check">${esc(error)}</span>` : ''}
<p id="check-status" role="status" data-working="${esc(s.check.working)}" data-done="${esc(s.check.done)}"></p>
<input type="hidden" name="altcha" value="" data-challenge="${esc(JSON.stringify(c.pow))}"><input type="hidden" name="check_token" value="${esc(c.question.token)}">
<div id="check-q"><p class="hint">${esc(s.check.noScript)}</p><label class="f" for="f-check-answer">${esc(question)}</label><input type="text" id="f-check-answer" name="check_answer" inputmode="numeric" maxlength="12" dir="ltr"${error ? ' aria-invalid="true" aria-describedby="e-check"' : ''}></div></fieldset>`;
}

/** The receipt: the code in large text, what happens now, what to do, and the rights. */
export function renderReceipt(m: ReceiptModel): string {
  const s = stringsFor('public', m.language);
  const main = `<div class="receipt" role="status"><h1>${esc(s.receipt.heading)}</h1><p>${esc(s.receipt.code)}:</p><p class="code" id="receipt-code">${esc(m.receiptCode)}</p><p>${esc(s.receipt.checking)}</p><p>${esc(s.receipt.keep)}</p>${m.hotline ? `<p>${esc(s.receipt.hotline)} <a href="tel:${esc(m.hotline)}" dir="ltr">${esc(m.hotline)}</a></p>` : ''}</div>
<p><a href="${esc(statusHref(m.slug, m.language))}">${esc(s.receipt.statusLink)}</a></p>
<p><a href="${esc(alertsAppHref(m.slug))}">${esc(s.receipt.alertsLink)}</a></p>
<h2>${esc(s.receipt.nextHeading)}</h2><ul>${s.receipt.next.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
${rightsSection(s, 'h2')}
<p><a href="${esc(formHref(m.slug, m.language))}">${esc(s.receipt.another)}</a></p>`;
  return renderPage(frameOf(m), main);
}

/** Know-your-rights as its own page (alerts link here). */
export function renderRights(m: { slug: string; language: Language; languages: Language[] }): string {
  const s = stringsFor('public', m.language);
  return renderPage(
    frameOf(m, rightsHref),
    `${rightsSection(s, 'h1')}<p><a href="${esc(formHref(m.slug, m.language))}">${esc(s.rights.back)}</a></p>`,
  );
}

function rightsSection(s: PublicStrings, heading: 'h1' | 'h2'): string {
  return `<${heading}>${esc(s.rights.heading)}</${heading}><p>${esc(s.rights.intro)}</p><ul>${s.rights.items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
}
