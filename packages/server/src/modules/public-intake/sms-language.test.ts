import { describe, expect, it } from 'vitest';
import { detectLanguage, languageKeyword } from './sms-language.ts';

describe('SMS language', () => {
  it('takes a keyword alone, or a capitalised code before the text', () => {
    expect(languageKeyword('ES')).toEqual({ language: 'es', rest: '' });
    expect(languageKeyword(' soomaali ')).toEqual({ language: 'so', rest: '' });
    expect(languageKeyword('HMN: muaj tub ceev xwm')).toEqual({ language: 'hmn', rest: 'muaj tub ceev xwm' });
    expect(languageKeyword('عربي')).toEqual({ language: 'ar', rest: '' });
    expect(languageKeyword('Español')?.language).toBe('es');
  });

  it('does not mistake ordinary sentences for keywords', () => {
    expect(languageKeyword('So many agents on Lake St')).toBeUndefined();
    expect(languageKeyword('Somali family taken from their home')).toBeUndefined();
    expect(languageKeyword('Es una redada')).toBeUndefined();
  });

  it('detects Spanish, Somali, Hmong and Arabic from common words, and leaves English to the default', () => {
    expect(detectLanguage('Hay dos camionetas de la migra en la esquina de Lake')).toBe('es');
    expect(detectLanguage('Waxaa jira gaadiid badan oo booliska ah halkan')).toBe('so');
    expect(detectLanguage('Muaj tub ceev xwm nyob ntawm txoj kev no')).toBe('hmn');
    expect(detectLanguage('يوجد عملاء الهجرة عند الزاوية')).toBe('ar');
    expect(detectLanguage('Two ICE vans at Lake and Bloomington')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
  });
});
