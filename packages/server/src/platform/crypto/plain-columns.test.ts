import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAIN_KINDS } from './plain-columns.ts';

const THREAT_MODEL = new URL('../../../../../docs/threat-model.md', import.meta.url);

describe('the kinds of plain column', () => {
  it('are each explained in the threat model, so a new kind is written down for whoever reads what a disk shows', () => {
    const doc = readFileSync(THREAT_MODEL, 'utf8');
    const section = doc.slice(doc.indexOf('## What a seized disk shows'));
    const table = section.slice(section.indexOf('| kind |')).split('\n\n')[0];
    const explained = table
      .split('\n')
      .slice(2)
      .flatMap((row) =>
        row
          .split('|')[1]
          .split(',')
          .map((k) => k.trim()),
      );
    expect([...PLAIN_KINDS].sort()).toEqual(explained.sort());
  });
});
