/** The message a status line last showed and the interface language it was written in. */
export interface ShownMessage {
  message: string;
  language: string;
}

/**
 * What a status line shows now. Callers keep their message already translated, so once the
 * reader switches language the old text is stale (Spanish left on an Arabic screen): it is
 * dropped until a new message comes. Returns the text to show and what to remember.
 */
export function messageInLanguage(
  last: ShownMessage | null,
  message: string | null | undefined,
  language: string,
): { text: string; last: ShownMessage | null } {
  if (!message) return { text: '', last: null };
  if (last?.message !== message) return { text: message, last: { message, language } };
  return { text: last.language === language ? message : '', last };
}
