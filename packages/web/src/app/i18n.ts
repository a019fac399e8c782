import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, toLanguage, type Language } from '@switchboard/shared/runtime';

import enCommon from '../locales/en/common.json';
import enIdentity from '../locales/en/identity.json';
import enNetworks from '../locales/en/networks.json';

export const NAMESPACES = [
  'common',
  'identity',
  'networks',
  'dispatch',
  'responder',
  'alerts',
  'shifts',
  'training',
  'map',
  'care',
] as const;

// English is bundled (it is the fallback); other languages load on demand, one
// small file per module, so a phone downloads only the language it uses. The bundled
// English files are left out of the loaders: i18next never asks for them.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>([
  '../locales/*/*.json',
  '!../locales/en/{common,identity,networks}.json',
]);

const lazyLocales: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = loaders[`../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no locale ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (m) => callback(null, m.default),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), false),
    );
  },
};

const STORAGE_KEY = 'sb_lang';

/** The language to start in: ?lang=, then the remembered choice, then the browser's. */
function initialLanguage(): Language {
  const fromQuery = toLanguage(new URLSearchParams(window.location.search).get('lang'));
  if (fromQuery) return fromQuery;
  try {
    const stored = toLanguage(window.localStorage.getItem(STORAGE_KEY));
    if (stored) return stored;
  } catch {
    /* storage may be blocked */
  }
  for (const tag of navigator.languages ?? []) {
    const lang = toLanguage(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}

/** Apply a language to the document (lang + direction). */
function applyToDocument(lang: string) {
  const l = toLanguage(lang) ?? DEFAULT_LANGUAGE;
  document.documentElement.lang = l;
  document.documentElement.dir = RTL_LANGUAGES.includes(l) ? 'rtl' : 'ltr';
}

i18next.on('languageChanged', (lng) => {
  applyToDocument(lng);
  try {
    // Only the language choice is kept in browser storage: it is not sensitive.
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* ignore */
  }
});

void i18next
  .use(lazyLocales)
  .use(initReactI18next)
  .init({
    resources: { en: { common: enCommon, identity: enIdentity, networks: enNetworks } },
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
applyToDocument(i18next.language);

export { i18next };
