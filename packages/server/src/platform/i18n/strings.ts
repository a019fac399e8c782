// The one way the server reads and formats the texts people get: stringsFor(namespace, language)
// and fill(template, values). Tables live in packages/shared/src/locales/<lang>/<namespace>.json
// (docs/decisions/0010-server-strings.md says why); this file merges each language over English
// once, at load, so alert and SMS fan-out pay a map lookup per message and nothing more.
import { DEFAULT_LANGUAGE, LANGUAGES, toLanguage, type Language } from '@switchboard/shared';
import { SOURCES } from './tables.ts';

/** A namespace of server strings: the name of its JSON file. */
export type Namespace = keyof typeof SOURCES;
/** The texts of a namespace, shaped like its English file (so a key that English lacks is a type error). */
export type Strings<N extends Namespace> = (typeof SOURCES)[N]['en'];

/** Every namespace the server loads. */
export const NAMESPACES = Object.keys(SOURCES) as Namespace[];

/**
 * `translated` laid over `english` key by key: a key missing, empty or of the wrong kind in the
 * translation keeps the English value, so a gap in a draft never sends a blank or "undefined".
 * Arrays (lists of rights, next steps) merge by position, as the completeness test reads them.
 * Exported for its test; callers use stringsFor.
 */
export function overEnglish(english: unknown, translated: unknown): unknown {
  if (typeof english === 'string') return typeof translated === 'string' && translated.trim() !== '' ? translated : english;
  if (Array.isArray(english)) {
    const t = Array.isArray(translated) ? translated : [];
    return Object.freeze(english.map((v, i) => overEnglish(v, t[i])));
  }
  if (english !== null && typeof english === 'object') {
    const t = translated !== null && typeof translated === 'object' ? (translated as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(english)) out[k] = overEnglish(v, Object.hasOwn(t, k) ? t[k] : undefined);
    return Object.freeze(out);
  }
  return english;
}

// Namespace → language code → merged, frozen table (frozen: one object serves every caller).
// Plain objects without a prototype: the cheapest lookup, and "constructor" is no language.
const TABLES = Object.fromEntries(
  NAMESPACES.map((ns) => {
    const { en, others } = SOURCES[ns];
    const byLanguage: Record<string, unknown> = Object.create(null);
    byLanguage.en = overEnglish(en, en);
    for (const lang of LANGUAGES) if (lang !== 'en') byLanguage[lang] = overEnglish(en, others[lang]);
    return [ns, byLanguage];
  }),
) as Record<Namespace, Record<string, unknown>>;

/**
 * The texts of `namespace` in `language` (any tag: "es-MX" reads Spanish; unknown or missing
 * reads English), with English in place of any key the translation lacks.
 */
export function stringsFor<N extends Namespace>(namespace: N, language: Language | string | null | undefined): Strings<N> {
  const byLanguage = TABLES[namespace];
  // Stored codes ("es") hit directly; only other tags go through toLanguage.
  const table = (language ? byLanguage[language] : undefined) ?? byLanguage[toLanguage(language) ?? DEFAULT_LANGUAGE];
  return table as Strings<N>;
}

const HOLE = /\{(\w+)\}/g;

/**
 * `template` with each `{name}` replaced by `values.name`, in one pass (a value that itself
 * contains "{link}" is left as typed). A placeholder with no value stays as written, so a gap
 * shows in tests instead of vanishing from a message.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(HOLE, (hole, name: string) => {
    const value = values[name];
    // Checking the type (not `name in values`) also skips inherited members such as toString.
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : hole;
  });
}
