import { LANGUAGES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { renderTrainingNotice, type TrainingNoticePayload } from './notices.ts';

const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('training notices', () => {
  // Same keys, placeholders and no empty strings in every language: packages/shared/src/locales/locales.test.ts.
  it('link back in every language, so the person can act on them, and keep placeholders out of subjects', () => {
    for (const lang of LANGUAGES) {
      for (const [kind, n] of Object.entries(stringsFor('training', lang).notice)) {
        expect(holes(n.text), `${lang} ${kind}`).toContain('link');
        expect(holes(n.subject), `${lang} ${kind} subject`).toEqual([]);
      }
    }
  });

  it('renders every kind in every language with nothing left unfilled, and leaves braces in a typed place alone', () => {
    for (const lang of LANGUAGES) {
      for (const kind of Object.keys(stringsFor('training', 'en').notice) as TrainingNoticePayload['kind'][]) {
        const p: TrainingNoticePayload = {
          type: 'training',
          kind,
          language: lang,
          course: 'De-escalation {link}',
          at: '2027-01-05T00:00:00.000Z',
          timeZone: 'America/Chicago',
          slug: 'twin-cities',
          where: 'Union hall',
        };
        const m = renderTrainingNotice(p, 'a@example.org', 'https://sb.example.org');
        expect(m.text.replace('De-escalation {link}', ''), `${lang} ${kind}`).not.toMatch(/\{\w+\}/);
        expect(m.text, `${lang} ${kind}`).toContain('De-escalation {link}');
        expect(m.text, `${lang} ${kind}`).toContain('https://sb.example.org/n/twin-cities/training');
        if (kind === 'session_changed') expect(m.text, lang).toContain('Union hall');
      }
    }
  });
});
