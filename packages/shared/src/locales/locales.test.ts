// Completeness of every translation table outside the web app: each file under
// packages/shared/src/locales/<lang>/ is one namespace of server strings (errors, public
// form, alerts, dispatch, shifts, training…). Files are found by listing the folders, so a new
// module's strings are checked as soon as its English file exists. That every key the server
// asks for exists is the type checker's job: stringsFor() returns the English file's type.
// The web app's own files are checked by packages/web/src/locales/locales.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../../..');

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
const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

/** Every namespace: one file per language, named after the English one. */
const namespaces = jsonFiles(join(here, 'en')).map((f) => f.replace(/\.json$/, ''));

describe('server and shared translation tables', () => {
  it('are one folder per supported language, each with the same files as English', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['alerts', 'dispatch', 'errors', 'public', 'shifts', 'training']));
    // A folder for a language the app does not know, or a file English lacks, would be a table no one checks.
    const folders = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(folders.map((d) => d.name).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) expect(jsonFiles(join(here, lang)), lang).toEqual(namespaces.map((n) => `${n}.json`));
  });

  for (const ns of namespaces) {
    const en = readJson(join(here, 'en', `${ns}.json`));
    it(`${ns} in English has text in every key`, () => {
      const empty = [...flatten(en)].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(flatten(en).size).toBeGreaterThan(0);
      expect(empty).toEqual([]);
    });
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${ns} in ${lang}: same keys as English, none empty, same placeholders`, () => {
        const file = join(here, lang, `${ns}.json`);
        expect(existsSync(file), `${lang}/${ns}.json is missing`).toBe(true);
        expect(problems(en, readJson(file))).toEqual([]);
      });
    }
  }

  it('are each listed in docs/translations.md, with the web app’s files, and the list names no file that is gone', () => {
    const doc = readFileSync(join(repoRoot, 'docs/translations.md'), 'utf8');
    const webFiles = jsonFiles(join(repoRoot, 'packages/web/src/locales/en'));
    const tables = [
      ...namespaces.map((n) => `packages/shared/src/locales/<lang>/${n}.json`),
      ...webFiles.map((f) => `packages/web/src/locales/<lang>/${f}`),
    ];
    expect(tables.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
    // A row of the table pointing at a moved or deleted file sends a reviewer to the wrong place.
    const listed = [...doc.matchAll(/^\| `(packages\/[^`]+)`/gm)].map((m) => m[1]);
    expect(listed.filter((p) => !existsSync(join(repoRoot, p.replace('<lang>', 'en'))))).toEqual([]);
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
