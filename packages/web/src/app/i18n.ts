import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, toLanguage, type Language } from '@switchboard/shared';

import arCommon from '../locales/ar/common.json';
import arIdentity from '../locales/ar/identity.json';
import arNetworks from '../locales/ar/networks.json';
import enCommon from '../locales/en/common.json';
import enIdentity from '../locales/en/identity.json';
import enNetworks from '../locales/en/networks.json';
import esCommon from '../locales/es/common.json';
import esIdentity from '../locales/es/identity.json';
import esNetworks from '../locales/es/networks.json';
import hmnCommon from '../locales/hmn/common.json';
import hmnIdentity from '../locales/hmn/identity.json';
import hmnNetworks from '../locales/hmn/networks.json';
import soCommon from '../locales/so/common.json';
import soIdentity from '../locales/so/identity.json';
import soNetworks from '../locales/so/networks.json';

export const NAMESPACES = ['common', 'identity', 'networks'] as const;

const resources = {
  en: { common: enCommon, identity: enIdentity, networks: enNetworks },
  es: { common: esCommon, identity: esIdentity, networks: esNetworks },
  so: { common: soCommon, identity: soIdentity, networks: soNetworks },
  hmn: { common: hmnCommon, identity: hmnIdentity, networks: hmnNetworks },
  ar: { common: arCommon, identity: arIdentity, networks: arNetworks },
} satisfies Record<Language, Record<(typeof NAMESPACES)[number], unknown>>;

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

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(i18next.language);

/** The current interface language, narrowed to a supported one. */
export function currentLanguage(): Language {
  return toLanguage(i18next.language) ?? DEFAULT_LANGUAGE;
}

export { i18next };
