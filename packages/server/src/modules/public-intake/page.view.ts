import { RTL_LANGUAGES, type Language } from '@switchboard/shared';
import { stringsFor } from '../../platform/i18n/strings.ts';
import type { PublicStrings } from './public-language.ts';

/** Escape text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Where the quick-exit link goes: a neutral site that looks like nothing. */
export const QUICK_EXIT_URL = 'https://www.weather.gov/';
/** Paths of the static assets. */
export const CSS_PATH = '/r/assets/report.css';
export const JS_PATH = '/r/assets/report.js';

/** What every public page shares. */
export interface PageFrame {
  language: Language;
  /** Languages for the switcher, and where each link goes. */
  switcher: { languages: readonly Language[]; href: (l: Language) => string };
}

/**
 * The shell of every public page: neutral title (nothing on a shared phone's tab list
 * says "raid"), quick exit first in reading order, plain-link language switcher, no
 * inline script or style (CSP), direction from the language.
 */
export function renderPage(frame: PageFrame, main: string): string {
  const s: PublicStrings = stringsFor('public', frame.language);
  const dir = RTL_LANGUAGES.includes(frame.language) ? 'rtl' : 'ltr';
  const langs = frame.switcher.languages
    .map((l) => {
      const current = l === frame.language ? ' aria-current="true"' : '';
      return `<li><a href="${esc(frame.switcher.href(l))}" lang="${l}" hreflang="${l}"${current}>${esc(stringsFor('public', l).languageName)}</a></li>`;
    })
    .join('');
  return `<!doctype html>
<html lang="${frame.language}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${esc(s.title)}</title><link rel="stylesheet" href="${CSS_PATH}"><script src="${JS_PATH}" defer></script></head>
<body><header class="top"><a class="exit" href="${QUICK_EXIT_URL}" rel="noreferrer">${esc(s.quickExit)}</a><nav aria-label="${esc(s.language)}"><ul class="langs">${langs}</ul></nav></header>
<main>${main}</main></body></html>
`;
}

/** A page that only says what went wrong and how to go on. */
export function renderMessagePage(frame: PageFrame, message: string, back?: { href: string; text: string }): string {
  const link = back ? `<p><a href="${esc(back.href)}">${esc(back.text)}</a></p>` : '';
  return renderPage(frame, `<h1>${esc(message)}</h1>${link}`);
}
