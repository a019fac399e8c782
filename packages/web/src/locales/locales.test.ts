import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@switchboard/shared';

const here = dirname(fileURLToPath(import.meta.url));

type Tree = { [k: string]: string | Tree };

/** Flatten nested locale JSON into dotted keys. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

function load(file: string): Map<string, unknown> {
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as Tree);
}

/** Keys of `en` missing, empty or not a string in `other`. */
function missing(en: Map<string, unknown>, other: Map<string, unknown>): string[] {
  return [...en.keys()].filter((k) => {
    const v = other.get(k);
    return typeof v !== 'string' || v.trim() === '';
  });
}

/** {{placeholders}} used by a string. */
function placeholders(s: unknown): string[] {
  return typeof s === 'string' ? [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort() : [];
}

const modules = readdirSync(join(here, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('web locales', () => {
  it('has module files in English', () => {
    expect(modules).toEqual(expect.arrayContaining(['common', 'identity', 'networks']));
  });

  for (const lang of LANGUAGES) {
    for (const mod of modules) {
      it(`${lang}/${mod}.json exists and has every English key, non-empty, with the same placeholders`, () => {
        const file = join(here, lang, `${mod}.json`);
        expect(existsSync(file), `${lang} lacks ${mod}.json`).toBe(true);
        const en = load(join(here, 'en', `${mod}.json`));
        const other = load(file);
        expect(missing(en, other), `${lang}/${mod}.json is missing or has empty keys`).toEqual([]);
        const wrong = [...en.keys()].filter((k) => placeholders(en.get(k)).join() !== placeholders(other.get(k)).join());
        expect(wrong, `${lang}/${mod}.json has different {{placeholders}}`).toEqual([]);
      });
    }
  }
});

// errors.json and the other shared and server tables: packages/shared/src/locales/locales.test.ts.
