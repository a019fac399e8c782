import { LANGUAGES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { SHIFTS_STRINGS } from './shifts-strings.ts';

const keys = (o: object, p = ''): string[] =>
  Object.entries(o)
    .flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]))
    .sort();
const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('shifts server strings', () => {
  it('exist in every language with the same keys and placeholders', () => {
    const en = SHIFTS_STRINGS.en;
    for (const lang of LANGUAGES) {
      const s = SHIFTS_STRINGS[lang];
      expect(keys(s), lang).toEqual(keys(en));
      for (const [k, v] of Object.entries(en.notice))
        expect(holes((s.notice as Record<string, string>)[k]), `${lang} ${k}`).toEqual(holes(v));
    }
  });
});
