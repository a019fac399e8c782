import type { Language } from '@switchboard/shared';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import type { AlertsPageModel } from './alerts-page.service.ts';
import { esc, renderPage } from './page.view.ts';
import { alertsAppHref, rightsHref } from './report-form.view.ts';

/** Link to the no-JavaScript alert list in a language. */
export const alertsListHref = (slug: string, l: Language) => `/r/${encodeURIComponent(slug)}/alerts?lang=${l}`;

function timeOf(iso: string, language: Language, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch {
    // A language or zone the runtime does not know: the plain UTC time still reads.
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/** The current public alerts as a plain list: what, which area, near which place, when. */
export function renderAlertsPage(m: AlertsPageModel): string {
  const s = stringsFor('public', m.language);
  const a = s.alertsPage;
  let body: string;
  if (!m.alerts) body = `<p id="alerts-off">${esc(a.off)}</p>`;
  else if (m.alerts.length === 0) body = `<p id="alerts-none">${esc(a.none)}</p>`;
  else
    body = `<ul class="alerts" id="alerts">${m.alerts
      .map((x) => {
        const what = x.kind === 'update' && x.preset ? a.updates[x.preset] : a.kinds[x.kind];
        const place = x.placeName ? `<br>${esc(fill(a.place, { place: x.placeName }))}` : '';
        return `<li><strong>${esc(what)}</strong>: ${esc(s.categories[x.category])}<br>${esc(x.areaName ?? a.areaUnknown)}${place}<br><time datetime="${esc(x.createdAt)}">${esc(timeOf(x.createdAt, m.language, m.timeZone))}</time></li>`;
      })
      .join('')}</ul>`;
  const subscribe = m.alerts
    ? `<p>${esc(a.subscribeNote)} <a href="${esc(alertsAppHref(m.slug))}">${esc(a.subscribe)}</a></p>`
    : '';
  const main = `<h1>${esc(a.heading)}</h1>${m.alerts ? `<p>${esc(a.intro)}</p>` : ''}${body}${subscribe}<p><a href="${esc(rightsHref(m.slug, m.language))}">${esc(s.form.rights)}</a></p>`;
  return renderPage({ language: m.language, switcher: { languages: m.languages, href: (l) => alertsListHref(m.slug, l) } }, main);
}
