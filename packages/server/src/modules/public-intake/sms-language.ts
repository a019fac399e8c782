import type { Language } from '@switchboard/shared';

/**
 * Which language an SMS is in: a leading language keyword ("ES", "SOOMAALI"…) wins, then
 * Arabic script, then counts of short, common words. Heuristics for a receipt, not a
 * translation engine: when unsure, the network's default language is used.
 */

/** Keywords a sender can reply with (or start a message with) to choose a language. */
const KEYWORDS: Record<string, Language> = {
  en: 'en',
  eng: 'en',
  english: 'en',
  es: 'es',
  esp: 'es',
  espanol: 'es',
  español: 'es',
  spanish: 'es',
  so: 'so',
  som: 'so',
  soomaali: 'so',
  somali: 'so',
  hmn: 'hmn',
  hmong: 'hmn',
  hmoob: 'hmn',
  ar: 'ar',
  arabic: 'ar',
  عربي: 'ar',
  العربية: 'ar',
};

// Words frequent in each language and rare in the others (and in English).
const WORDS: Record<'es' | 'so' | 'hmn', string[]> = {
  es: [
    'el',
    'los',
    'las',
    'en',
    'hay',
    'está',
    'están',
    'esta',
    'estan',
    'una',
    'un',
    'con',
    'que',
    'por',
    'del',
    'calle',
    'esquina',
    'migra',
    'policía',
    'policia',
    'carro',
    'carros',
    'camioneta',
    'agentes',
    'casa',
    'trabajo',
    'ayuda',
    'aquí',
    'aqui',
    'ahora',
    'hombres',
    'personas',
    'arrestando',
    'redada',
  ],
  so: [
    'waxaa',
    'waa',
    'iyo',
    'ku',
    'ka',
    'ayaa',
    'jira',
    'joogaa',
    'jooga',
    'gaari',
    'gaadiid',
    'booliska',
    'guriga',
    'halkan',
    'hadda',
    'xiray',
    'xirayaan',
    'waddada',
    'meel',
    'badan',
    'yihiin',
    'tahay',
    'saraakiil',
  ],
  hmn: [
    'muaj',
    'nyob',
    'ntawm',
    'tub',
    'ceev',
    'xwm',
    'tsheb',
    'neeg',
    'lawv',
    'peb',
    'thiab',
    'tuaj',
    'hauv',
    'tsev',
    'txoj',
    'kev',
    'ntes',
    'tam',
    'sim',
    'coob',
    'leej',
    'tus',
    'cov',
    'hais',
    'pom',
  ],
};

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

/** A language keyword at the start of a message, and the rest of the text. */
export function languageKeyword(body: string): { language: Language; rest: string } | undefined {
  const m = /^\s*([\p{L}]+)[\s:.,!-]*(.*)$/su.exec(body);
  if (!m) return undefined;
  const language =
    KEYWORDS[m[1].toLowerCase().normalize('NFC')] ?? KEYWORDS[m[1].toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')];
  if (!language) return undefined;
  const rest = m[2].trim();
  // Alone, any keyword counts. Before more text, only a capitalised code does ("ES hay
  // agentes"): "So many agents" or "Somali family taken" are reports, not choices.
  if (rest && !(m[1].length <= 3 && m[1] === m[1].toUpperCase())) return undefined;
  return { language, rest };
}

/** Guess the language of a message's text. */
export function detectLanguage(body: string): Language | undefined {
  if (ARABIC_SCRIPT.test(body)) return 'ar';
  const tokens = body
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  if (tokens.length === 0) return undefined;
  let best: Language | undefined;
  let bestScore = 0;
  for (const [lang, words] of Object.entries(WORDS) as [Language, string[]][]) {
    const set = new Set(words);
    const score = tokens.filter((t) => set.has(t)).length;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    } else if (score === bestScore) {
      best = undefined;
    }
  }
  // One shared little word is not enough.
  return bestScore >= 2 ? best : undefined;
}
