import { currentLanguage } from './language.ts';

/** Join a list of words the reader's way ("a, b and c"; Arabic commas in Arabic). */
export function formatList(items: string[]): string {
  try {
    return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** Format a timestamp in the reader's language. */
export function formatDateTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return d.toLocaleString();
  }
}
