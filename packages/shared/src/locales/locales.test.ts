// Completeness of every translation table outside the web app: the shared locale files
// (public form, alerts, dispatch, errors, shifts, training…). The web app's files are checked
// by packages/web/src/locales/locales.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Dotted key → leaf value (arrays count as objects indexed by position). */
function flatten(tree: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (tree !== null && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, tree);
  return out;
}

/** Placeholders as written, braces included, so `{{x}}` (i18next) and `{x}` (server fill) must match exactly. */
function placeholders(value: unknown): string[] {
  return typeof value === 'string'
    ? [...value.matchAll(/\{\{\s*\w+\s*\}\}|\{\w+\}/g)].map((m) => m[0].replace(/\s+/g, '')).sort()
    : [];
}

/** What is wrong with one language's table against English: missing, extra, empty or non-string keys, changed placeholders. */
function problems(en: unknown, other: unknown): string[] {
  const source = flatten(en);
  const target = flatten(other);
  const out: string[] = [];
  for (const [key, value] of source) {
    const v = target.get(key);
    if (!target.has(key)) out.push(`missing ${key}`);
    else if (typeof v !== 'string' || typeof value !== 'string') out.push(`not text ${key}`);
    else if (v.trim() === '') out.push(`empty ${key}`);
    else if (placeholders(v).join() !== placeholders(value).join())
      out.push(`placeholders ${key}: ${placeholders(v).join() || '-'} instead of ${placeholders(value).join() || '-'}`);
  }
  for (const key of target.keys()) if (!source.has(key)) out.push(`extra ${key}`);
  return out;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** Every translation table: a name and how to load it in a language (undefined: the file is absent). */
const sharedFiles = readdirSync(join(here, 'en')).filter((f) => f.endsWith('.json'));
const tables: { name: string; load: (lang: string) => unknown }[] = [
  ...sharedFiles.map((file) => ({
    name: `packages/shared/src/locales/<lang>/${file}`,
    load: (lang: string) => (readdirSync(join(here, lang)).includes(file) ? readJson(join(here, lang, file)) : undefined),
  })),
];

describe('shared and server translation tables', () => {
  it('include every table a translator must see', () => {
    expect(sharedFiles.sort()).toEqual(
      expect.arrayContaining(['alerts.json', 'dispatch.json', 'errors.json', 'public.json', 'shifts.json', 'training.json']),
    );
    // A language folder with a file English lacks would be a table no one checks.
    for (const lang of LANGUAGES)
      expect(
        readdirSync(join(here, lang))
          .filter((f) => f.endsWith('.json'))
          .sort(),
        lang,
      ).toEqual(sharedFiles.sort());
  });

  for (const table of tables) {
    const en = table.load('en');
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${table.name} in ${lang}: same keys as English, none empty, same placeholders`, () => {
        const other = table.load(lang);
        expect(other, `${lang} is missing`).toBeDefined();
        expect(problems(en, other)).toEqual([]);
      });
    }
    it(`${table.name} in English has no empty strings`, () => {
      const empty = [...flatten(en)].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(flatten(en).size).toBeGreaterThan(0);
      expect(empty).toEqual([]);
    });
  }

  it('are each listed in docs/translations.md, with the web app’s files, for native speakers to review', () => {
    const doc = readFileSync(join(here, '../../../../docs/translations.md'), 'utf8');
    const webFiles = readdirSync(join(here, '../../../web/src/locales/en')).filter((f) => f.endsWith('.json'));
    const listed = [...tables.map((t) => t.name), ...webFiles.map((f) => `packages/web/src/locales/<lang>/${f}`)];
    expect(listed.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('catches what it claims to (missing, extra, empty and changed placeholders)', () => {
    const en = { a: 'Hi {{name}}', b: { c: 'at {when}' }, d: 'x' };
    expect(problems(en, { a: 'Hola {{name}}', b: { c: 'a las {when}' }, d: 'x' })).toEqual([]);
    expect(problems(en, { a: 'Hola {name}', b: { c: ' ' }, e: 'y' })).toEqual([
      'placeholders a: {name} instead of {{name}}',
      'empty b.c',
      'missing d',
      'extra e',
    ]);
  });
});
