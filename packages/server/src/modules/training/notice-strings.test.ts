import { LANGUAGES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { NOTICE_STRINGS } from './notice-strings.ts';
import { renderTrainingNotice, type TrainingNoticePayload } from './notices.ts';

const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('training notice strings', () => {
  it('exist in every language with the same kinds and the same placeholders, none empty', () => {
    const en = NOTICE_STRINGS.en;
    for (const lang of LANGUAGES) {
      const s = NOTICE_STRINGS[lang];
      expect(s, lang).toBeDefined();
      expect(Object.keys(s).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [kind, v] of Object.entries(en) as [keyof typeof en, { subject: string; text: string }][]) {
        expect(holes(s[kind].text), `${lang} ${kind}`).toEqual(holes(v.text));
        expect(holes(s[kind].subject), `${lang} ${kind} subject`).toEqual([]);
        expect(s[kind].subject.trim(), `${lang} ${kind} subject`).not.toBe('');
        // Every notice links back, so the person can act on it.
        expect(holes(s[kind].text), `${lang} ${kind}`).toContain('link');
      }
    }
  });

  it('renders every kind in every language with nothing left unfilled, and leaves braces in a typed place alone', () => {
    for (const lang of LANGUAGES) {
      for (const kind of Object.keys(NOTICE_STRINGS.en) as TrainingNoticePayload['kind'][]) {
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
