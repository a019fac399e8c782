import { CARE_KINDS, CARE_NOTICE_KINDS, LANGUAGES } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { channelOfContact, renderCareNotice, type CareNotice } from './care-notices.ts';

const ORG = 'Northside Mutual Aid and Tenants Union Food Shelf';

describe('care notices in every language', () => {
  it('fill every placeholder, for every step and kind of help, and stay short enough for two SMS', () => {
    for (const language of LANGUAGES)
      for (const kind of CARE_NOTICE_KINDS)
        for (const careKind of CARE_KINDS) {
          const p: CareNotice = {
            type: 'care',
            kind,
            language,
            discreet: false,
            reference: 'K7QF-2MXA',
            careKind,
            organization: ORG,
            reason: 'No answer',
            days: 7,
          };
          const m = renderCareNotice(p, '+16125550199');
          expect(m.text, `${language} ${kind}`).not.toMatch(/\{\w+\}/);
          expect(m.subject).not.toMatch(/\{\w+\}/);
          expect(m.text).toContain('K7QF-2MXA');
          expect(m.text.length, `${language} ${kind} ${careKind}`).toBeLessThanOrEqual(240);
        }
  });

  it('in discreet mode say the same generic line whatever the step, naming neither help nor organization', () => {
    for (const language of LANGUAGES) {
      // 'other' is the fallback word ("your delivery", in Arabic "your request"), no kind of help.
      const { other: _fallback, ...named } = stringsFor('care', language).kinds;
      const kinds = Object.values(named);
      const texts = new Set(
        CARE_NOTICE_KINDS.map((kind) => {
          const p = {
            type: 'care',
            kind,
            language,
            discreet: true,
            reference: 'K7QF-2MXA',
            careKind: 'baby_supplies',
            organization: ORG,
            reason: 'No answer',
          } as CareNotice;
          return renderCareNotice(p, 'x@example.org').text;
        }),
      );
      expect(texts.size).toBe(1);
      const [text] = [...texts];
      expect(text).toContain('K7QF-2MXA');
      expect(text).not.toContain(ORG);
      expect(text).not.toContain('No answer');
      for (const k of kinds) expect(text, language).not.toContain(k);
    }
  });

  it('reach an email address or a phone number as typed, and nothing else', () => {
    expect(channelOfContact(' family@example.org ')).toEqual({ channel: 'email', to: 'family@example.org' });
    expect(channelOfContact('612-555-0199')).toEqual({ channel: 'sms', to: '+16125550199' });
    expect(channelOfContact('+252 61 5123456')?.channel).toBe('sms');
    expect(channelOfContact('call after 6, 612 555 0199')).toBeUndefined();
    expect(channelOfContact('ask for Maria')).toBeUndefined();
  });
});
