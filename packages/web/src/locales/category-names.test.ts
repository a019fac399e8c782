import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@switchboard/shared';

// Reporters pick a category on the public form (server strings); dispatchers read it in the
// console (web strings). One name per category, or a caller's "Agents or vehicles gathering"
// turns into something else on the dispatcher's screen.
const here = dirname(fileURLToPath(import.meta.url));
const sharedLocales = join(here, '../../../shared/src/locales');

function categories(file: string): Record<string, string> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { categories: Record<string, string> }).categories;
}

describe('report category names', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: the console names every category as the public form does`, () => {
      const form = categories(join(sharedLocales, lang, 'public.json'));
      const inConsole = categories(join(here, lang, 'dispatch.json'));
      expect(Object.keys(form).length).toBeGreaterThan(0);
      expect(inConsole).toEqual(form);
    });
  }
});
