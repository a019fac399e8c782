import { stringsFor } from '../../platform/i18n/strings.ts';
import { esc, renderPage } from './page.view.ts';
import type { StatusModel } from './receipt-status.service.ts';
import { formHref, statusHref } from './report-form.view.ts';

/**
 * The receipt status page: a form for the code (posted, so the code stays out of addresses
 * and histories) and, after a look-up, one sentence in a live region. The code is not
 * written back into the page: a shared phone's next user does not see it.
 */
export function renderStatusPage(m: StatusModel): string {
  const s = stringsFor('public', m.language);
  const answer = m.answer
    ? `<div class="${m.answer === 'unknown' ? 'errors' : 'receipt'}" id="status-answer" role="status"><h2>${esc(s.status.resultHeading)}</h2><p>${esc(s.status[m.answer])}</p></div>`
    : '<div id="status-answer" role="status"></div>';
  const main = `<h1>${esc(s.status.heading)}</h1><p>${esc(s.status.intro)}</p>${answer}
<form class="lookup" method="post" action="${esc(statusHref(m.slug, m.language))}" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="lang" value="${m.language}">
<div class="field"><label class="f" for="f-code">${esc(s.status.code)}</label><span class="hint" id="h-code">${esc(s.status.codeHint)}</span><input type="text" id="f-code" name="code" maxlength="64" dir="ltr" class="ltr" autocapitalize="characters" spellcheck="false" aria-describedby="h-code"></div>
<button type="submit" class="send">${esc(s.status.submit)}</button>
</form>
<p><a href="${esc(formHref(m.slug, m.language))}">${esc(s.errors.back)}</a></p>`;
  return renderPage({ language: m.language, switcher: { languages: m.languages, href: (l) => statusHref(m.slug, l) } }, main);
}
