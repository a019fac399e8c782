import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@switchboard/shared/runtime';
import { identityApi } from '../features/identity/api.ts';
import { useMe, useSetMe } from '../kit/session.ts';
import { currentLanguage } from '../kit/language.ts';

/**
 * The header language switcher. Signed in, the choice is saved to the profile;
 * signed out it lives in memory (and the non-sensitive choice in localStorage).
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common');
  const id = useId();
  const me = useMe();
  const setMe = useSetMe();
  const adoptedFor = useRef<string | null>(null);

  // When an account is first loaded, adopt its saved interface language.
  useEffect(() => {
    const m = me.data;
    if (!m || adoptedFor.current === m.id) return;
    adoptedFor.current = m.id;
    if (m.language !== currentLanguage()) void i18n.changeLanguage(m.language);
  }, [me.data, i18n]);

  async function change(lang: Language) {
    await i18n.changeLanguage(lang);
    if (me.data && me.data.language !== lang) {
      try {
        setMe(await identityApi.updateProfile({ language: lang }));
      } catch {
        /* the interface still switches; the profile keeps its old value */
      }
    }
  }

  return (
    <div className="lang">
      <label htmlFor={id}>{t('language')}</label>
      <select id={id} value={currentLanguage()} onChange={(e) => void change(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          // Each language named in itself, so anyone can find theirs.
          <option key={l} value={l} lang={l}>
            {t(`endonyms.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
