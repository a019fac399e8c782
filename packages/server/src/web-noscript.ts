import { RTL_LANGUAGES, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import { stringsFor } from './platform/i18n/strings.ts';

// The web app's public alert page; its plain list is served by public-intake at /r/<slug>/alerts.
const PUBLIC_ALERTS = /^\/n\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\/alerts\/?$/;
const NOSCRIPT = /<noscript>[\s\S]*?<\/noscript>/;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The web app's page for a client-side route, with its <noscript> text fitted to the route:
 * the public alert page points to its plain list (which needs no script) instead of saying
 * that JavaScript is needed for signed-in work. Undefined: the page as built fits.
 */
export function pageWithNoscriptFor(
  path: string,
  query: unknown,
  acceptLanguage: string | undefined,
  readPage: () => string,
): string | undefined {
  const match = PUBLIC_ALERTS.exec(path);
  if (!match) return undefined;
  const page = readPage();
  if (!NOSCRIPT.test(page)) return undefined;
  const slug = match[1]!;
  const asked = (query as { lang?: unknown } | undefined)?.lang;
  const language: Language = (typeof asked === 'string' ? toLanguage(asked) : undefined) ?? pickLanguage(acceptLanguage) ?? 'en';
  const a = stringsFor('public', language).alertsPage;
  const dir = RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
  const href = `/r/${slug}/alerts?lang=${language}`;
  const text = `<noscript><div lang="${language}" dir="${dir}"><p>${esc(a.noScript)}</p><p><a href="${esc(href)}">${esc(a.listLink)}</a></p></div></noscript>`;
  return page.replace(NOSCRIPT, text);
}
