import { RTL_LANGUAGES, type Language } from '@switchboard/shared';
import { stringsFor } from '../../platform/i18n/strings.ts';

// The same shell as the public report page (public-intake's page.view.ts), written again here
// because care sits below public-intake in the module list and may not import it. It links the
// report page's stylesheet and script by path, so both pages look and behave alike.
const QUICK_EXIT_URL = 'https://www.weather.gov/';
const CSS_PATH = '/r/assets/report.css';
const JS_PATH = '/r/assets/report.js';

/** Escape text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The language of a page and where the switcher's links go. */
export interface CarePageFrame {
  language: Language;
  languages: readonly Language[];
  href: (l: Language) => string;
}

/**
 * A public page: neutral title, quick exit first in reading order, a plain-link language
 * switcher, no inline script or style (CSP), direction from the language.
 */
export function renderCarePage(frame: CarePageFrame, main: string): string {
  const s = stringsFor('public', frame.language);
  const dir = RTL_LANGUAGES.includes(frame.language) ? 'rtl' : 'ltr';
  const langs = frame.languages
    .map((l) => {
      const current = l === frame.language ? ' aria-current="true"' : '';
      return `<li><a href="${esc(frame.href(l))}" lang="${l}" hreflang="${l}"${current}>${esc(stringsFor('public', l).languageName)}</a></li>`;
    })
    .join('');
  return `<!doctype html>
<html lang="${frame.language}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${esc(s.title)}</title><link rel="stylesheet" href="${CSS_PATH}"><script src="${JS_PATH}" defer></script></head>
<body><header class="top"><a class="exit" href="${QUICK_EXIT_URL}" rel="noreferrer">${esc(s.quickExit)}</a><nav aria-label="${esc(s.language)}"><ul class="langs">${langs}</ul></nav></header>
<main>${main}</main></body></html>
`;
}
