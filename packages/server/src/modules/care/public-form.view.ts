import { CARE_KINDS, LANGUAGES, type Language } from '@switchboard/shared';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { esc, renderCarePage } from './public-page.view.ts';
import { ITEM_ROWS, type CareFormModel, type CareReceiptModel, type CareStatusModel } from './public-form.service.ts';

/** Link to the request form in a language. */
export const careFormHref = (slug: string, l: Language) => `/help/${encodeURIComponent(slug)}?lang=${l}`;
/** Link to the request status look-up in a language. */
export const careStatusHref = (slug: string, l: Language) => `/help/${encodeURIComponent(slug)}/status?lang=${l}`;

const frame = (m: { slug: string; language: Language; languages: Language[] }, href = careFormHref) => ({
  language: m.language,
  languages: m.languages,
  href: (l: Language) => href(m.slug, l),
});

/** A field with its label, hint and error wired up for screen readers. */
function field(
  id: string,
  label: string,
  hint: string | undefined,
  error: string | undefined,
  control: (attrs: string) => string,
): string {
  const ids = [hint ? `h-${id}` : '', error ? `e-${id}` : ''].filter(Boolean).join(' ');
  const attrs = `${ids ? ` aria-describedby="${ids}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
  return `<div class="field"><label class="f" for="f-${id}">${esc(label)}</label>${hint ? `<span class="hint" id="h-${id}">${esc(hint)}</span>` : ''}${error ? `<span class="err" id="e-${id}">${esc(error)}</span>` : ''}${control(attrs)}</div>`;
}

/** The public request form: plain HTML that works with JavaScript off. */
export function renderCareForm(m: CareFormModel): string {
  const s = stringsFor('care-form', m.language);
  const v = m.values;
  const errorOf = (f: string) => {
    const e = m.errors.find((x) => x.field === f);
    return e ? s.errors[e.key] : undefined;
  };
  const summary = m.errors.length
    ? `<div class="errors" id="errors" role="alert"><h2>${esc(s.errors.summary)}</h2><ul>${m.errors.map((e) => `<li><a href="#f-${e.field}">${esc(s.errors[e.key])}</a></li>`).join('')}</ul></div>`
    : '';
  const kindError = errorOf('kind');
  const kinds = `<fieldset id="f-kind"${kindError ? ' aria-describedby="e-kind"' : ''}><legend>${esc(s.form.kind)}</legend>${kindError ? `<span class="err" id="e-kind">${esc(kindError)}</span>` : ''}${CARE_KINDS.map(
    (k) =>
      `<label class="opt"><input type="radio" name="kind" value="${k}"${v.kind === k ? ' checked' : ''}> ${esc(s.kinds[k])}</label>`,
  ).join('')}</fieldset>`;

  let rows = '';
  for (let i = 0; i < ITEM_ROWS; i++) {
    const n = { n: i + 1 };
    rows += field(
      `item_${i}`,
      fill(s.form.item, n),
      undefined,
      errorOf(`item_${i}`),
      (a) => `<input type="text" id="f-item_${i}" name="item_${i}" maxlength="200" value="${esc(v[`item_${i}`])}"${a}>`,
    );
    rows += field(
      `qty_${i}`,
      fill(s.form.quantity, n),
      undefined,
      errorOf(`qty_${i}`),
      (a) =>
        `<input type="text" id="f-qty_${i}" name="qty_${i}" inputmode="numeric" maxlength="6" dir="ltr" value="${esc(v[`qty_${i}`])}"${a}>`,
    );
  }
  const items = `<fieldset><legend>${esc(s.form.items)}</legend><span class="hint">${esc(s.form.itemsHint)}</span>${rows}</fieldset>`;

  const address = field(
    'address',
    s.form.address,
    s.form.addressHint,
    errorOf('address'),
    (a) => `<textarea id="f-address" name="address" rows="3" maxlength="600"${a}>${esc(v.address)}</textarea>`,
  );
  const neighbourhood = field(
    'neighbourhood',
    s.form.neighbourhood,
    s.form.neighbourhoodHint,
    errorOf('neighbourhood'),
    (a) => `<input type="text" id="f-neighbourhood" name="neighbourhood" maxlength="200" value="${esc(v.neighbourhood)}"${a}>`,
  );
  const contact = field(
    'contact',
    s.form.contact,
    s.form.contactHint,
    errorOf('contact'),
    (a) => `<input type="text" id="f-contact" name="contact" maxlength="250" dir="ltr" value="${esc(v.contact)}"${a}>`,
  );
  const chosen = v.language ?? m.language;
  const language = field(
    'language',
    s.form.language,
    undefined,
    undefined,
    (a) =>
      `<select id="f-language" name="language"${a}>${LANGUAGES.map((l) => `<option value="${l}" lang="${l}"${l === chosen ? ' selected' : ''}>${esc(stringsFor('public', l).languageName)}</option>`).join('')}</select>`,
  );

  // Discreet: a shared phone, someone reading over a shoulder; messages then name no help and no organization.
  const discreet = `<div class="field"><label class="opt" for="f-discreet"><input type="checkbox" id="f-discreet" name="discreet" value="1" aria-describedby="h-discreet"${v.discreet === '1' ? ' checked' : ''}> ${esc(s.form.discreet)}</label><span class="hint" id="h-discreet">${esc(s.form.discreetHint)}</span></div>`;

  const main = `<h1>${esc(s.form.heading)}</h1><p>${esc(s.form.intro)}</p>${summary}
<form method="post" action="${esc(careFormHref(m.slug, m.language))}" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="lang" value="${m.language}"><input type="hidden" name="key" value="${esc(v.key)}">
${kinds}${items}${address}${neighbourhood}${contact}${language}${discreet}
<button type="submit" class="send">${esc(s.form.submit)}</button>
</form>
<p><a href="${esc(careStatusHref(m.slug, m.language))}">${esc(s.form.statusLink)}</a></p>`;
  return renderCarePage(frame(m), main);
}

/** The receipt: the code in large text, what to do with it, and what happens next. */
export function renderCareReceipt(m: CareReceiptModel): string {
  const s = stringsFor('care-form', m.language);
  const main = `<div class="receipt" role="status"><h1>${esc(s.receipt.heading)}</h1><p>${esc(s.receipt.code)}:</p><p class="code" id="receipt-code">${esc(m.receiptCode)}</p><p>${esc(s.receipt.keep)}</p></div>
<h2>${esc(s.receipt.nextHeading)}</h2><ul>${s.receipt.next.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<p><a href="${esc(careStatusHref(m.slug, m.language))}">${esc(s.receipt.statusLink)}</a></p>
<p><a href="${esc(careFormHref(m.slug, m.language))}">${esc(s.receipt.another)}</a></p>`;
  return renderCarePage(frame(m), main);
}

/**
 * The status page: a form for the code (posted, so the code stays out of addresses and
 * histories) and, after a look-up, the status and a decline reason. The code is not written
 * back into the page: a shared phone's next user does not see it.
 */
export function renderCareStatus(m: CareStatusModel): string {
  const s = stringsFor('care-form', m.language);
  const a = m.answer;
  const answer =
    a === undefined
      ? '<div id="status-answer" role="status"></div>'
      : a === 'unknown'
        ? `<div class="errors" id="status-answer" role="status" data-status="unknown"><h2>${esc(s.status.resultHeading)}</h2><p>${esc(s.status.unknown)}</p></div>`
        : `<div class="receipt" id="status-answer" role="status" data-status="${a.status}"><h2>${esc(s.status.resultHeading)}</h2><p>${esc(s.status[a.status])}</p>${a.reason ? `<p>${esc(s.status.reason)} ${esc(a.reason)}</p>` : ''}</div>`;
  const main = `<h1>${esc(s.status.heading)}</h1><p>${esc(s.status.intro)}</p>${answer}
<form method="post" action="${esc(careStatusHref(m.slug, m.language))}" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="lang" value="${m.language}">
<div class="field"><label class="f" for="f-code">${esc(s.status.code)}</label><span class="hint" id="h-code">${esc(s.status.codeHint)}</span><input type="text" id="f-code" name="code" maxlength="64" dir="ltr" class="ltr" autocapitalize="characters" spellcheck="false" aria-describedby="h-code"></div>
<button type="submit" class="send">${esc(s.status.submit)}</button>
</form>
<p><a href="${esc(careFormHref(m.slug, m.language))}">${esc(s.status.back)}</a></p>`;
  return renderCarePage(frame(m, careStatusHref), main);
}
