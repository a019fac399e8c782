import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LANGUAGES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { fill, NAMESPACES, overEnglish, stringsFor } from './strings.ts';

// The locale folder as the server resolves it, through the shared package's "exports".
const localesDir = dirname(dirname(createRequire(import.meta.url).resolve('@switchboard/shared/locales/en/errors.json')));
const readJson = (lang: string, ns: string): unknown => JSON.parse(readFileSync(join(localesDir, lang, `${ns}.json`), 'utf8'));

describe('stringsFor', () => {
  it('loads every namespace file there is (a new file without its imports in tables.ts fails here)', () => {
    const onDisk = readdirSync(join(localesDir, 'en'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect([...NAMESPACES].sort()).toEqual(onDisk.sort());
  });

  it('gives each language its file as written (complete tables need no English)', () => {
    for (const ns of NAMESPACES)
      for (const lang of LANGUAGES) expect(stringsFor(ns, lang), `${lang}/${ns}`).toEqual(readJson(lang, ns));
  });

  it('reads a regional tag as its language, and anything unknown or missing as English', () => {
    expect(stringsFor('dispatch', 'es-MX')).toBe(stringsFor('dispatch', 'es'));
    expect(stringsFor('dispatch', 'HMN')).toBe(stringsFor('dispatch', 'hmn'));
    for (const tag of ['fr', '', null, undefined, 'constructor'])
      expect(stringsFor('dispatch', tag)).toBe(stringsFor('dispatch', 'en'));
  });

  it('falls back to English key by key, never to a blank', () => {
    const en = { a: 'A', b: { c: 'C', d: 'D' }, list: ['one', 'two'] };
    expect(overEnglish(en, { a: 'á', b: { c: ' ' }, list: ['uno'], extra: 'x' })).toEqual({
      a: 'á',
      b: { c: 'C', d: 'D' },
      list: ['uno', 'two'],
    });
    expect(overEnglish(en, undefined)).toEqual(en);
  });

  it('hands out frozen tables, so one caller cannot change another’s text', () => {
    expect(Object.isFrozen(stringsFor('alerts', 'so').confirm)).toBe(true);
  });
});

describe('fill', () => {
  it('fills every placeholder, numbers too, in one pass', () => {
    expect(fill('{n} at {site}, {n} again', { n: 3, site: 'Hall {n}' })).toBe('3 at Hall {n}, 3 again');
  });

  it('leaves a placeholder with no value as written, and ignores inherited names', () => {
    expect(fill('Hi {name}, {constructor}', {})).toBe('Hi {name}, {constructor}');
  });

  it('treats $ in a value as text', () => {
    expect(fill('Pay {amount}', { amount: '$& $1' })).toBe('Pay $& $1');
  });
});
