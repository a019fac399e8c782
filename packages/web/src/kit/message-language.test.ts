import { describe, expect, it } from 'vitest';
import { messageInLanguage } from './message-language.ts';

describe('a status message across a language switch', () => {
  it('shows a new message, then hides it once the language changes', () => {
    const first = messageInLanguage(null, 'Guardado.', 'es');
    expect(first.text).toBe('Guardado.');
    expect(messageInLanguage(first.last, 'Guardado.', 'es').text).toBe('Guardado.');
    expect(messageInLanguage(first.last, 'Guardado.', 'ar').text).toBe('');
  });

  it('shows the next message in the new language, and nothing when there is none', () => {
    const stale = messageInLanguage({ message: 'Guardado.', language: 'es' }, 'Guardado.', 'ar');
    const next = messageInLanguage(stale.last, 'تم الحفظ.', 'ar');
    expect(next.text).toBe('تم الحفظ.');
    expect(messageInLanguage(next.last, null, 'ar')).toEqual({ text: '', last: null });
  });

  it('shows the same words again after a cleared message in the new language', () => {
    const cleared = messageInLanguage({ message: 'Saved.', language: 'es' }, null, 'en');
    expect(messageInLanguage(cleared.last, 'Saved.', 'en').text).toBe('Saved.');
  });
});
