/** Languages Switchboard ships with; adding one means adding its locale files. */
export const LANGUAGES = ['en', 'es', 'so', 'hmn', 'ar'] as const;
/** A supported language code. */
export type Language = (typeof LANGUAGES)[number];
/** Languages written right to left. */
export const RTL_LANGUAGES: readonly Language[] = ['ar'];
/** The language used when nothing else is known. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Narrow an arbitrary tag (e.g. "es-MX") to a supported language, or undefined. */
export function toLanguage(tag: string | undefined | null): Language | undefined {
  if (!tag) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : undefined;
}

/** Pick the best supported language from an Accept-Language header value. */
export function pickLanguage(acceptLanguage: string | undefined | null): Language | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const lang = toLanguage(tag);
    if (lang) return lang;
  }
  return undefined;
}
