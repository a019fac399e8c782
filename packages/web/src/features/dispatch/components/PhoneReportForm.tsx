import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, REPORT_CATEGORIES, type Language } from '@switchboard/shared/runtime';
import { currentLanguage } from '../../../kit/language.ts';
import { ApiError, errorMessage } from '../../../kit/api.ts';
import { ErrorNote, Field, SelectField, Status } from '../../../kit/ui.tsx';
import { dispatchApi } from '../api.ts';

/** A fast, keyboard-first form for a dispatcher on a call: Tab through, Enter saves. */
export function PhoneReportForm({ slug, onSaved }: { slug: string; onSaved: () => void }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation('common');
  const [category, setCategory] = useState<string>(REPORT_CATEGORIES[0]);
  const [locationText, setLocationText] = useState('');
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [contact, setContact] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const first = useRef<HTMLDivElement>(null);
  const descId = useId();
  const contactId = useId();
  useEffect(() => {
    first.current?.querySelector('select')?.focus();
  }, []);
  const save = useMutation({
    // Offline it fails and says so, rather than wait unseen and run later.
    networkMode: 'always',
    mutationFn: () =>
      dispatchApi.phoneReport(slug, {
        category: category as (typeof REPORT_CATEGORIES)[number],
        locationText: locationText.trim() || undefined,
        description: description.trim() || undefined,
        language,
        contact: contact.trim() || undefined,
      }),
    onSuccess: (r) => {
      setSaved(t('phone.saved', { code: r.receiptCode }));
      setLocationText('');
      setDescription('');
      setContact('');
      onSaved();
      first.current?.querySelector('select')?.focus();
    },
  });
  // A number the server cannot call back is shown on its field (and focused), the rest kept as typed.
  const contactInvalid = save.error instanceof ApiError && save.error.code === 'contact_invalid';
  useEffect(() => {
    if (contactInvalid) document.getElementById(contactId)?.focus();
  }, [contactInvalid, contactId]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('phone.title')}>
      <div ref={first}>
        <SelectField
          label={t('phone.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          options={REPORT_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
      </div>
      <Field label={t('phone.location')} value={locationText} maxLength={300} onChange={(e) => setLocationText(e.target.value)} />
      <div className="field">
        <label htmlFor={descId}>{t('phone.description')}</label>
        <textarea id={descId} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <SelectField
        label={t('phone.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        options={LANGUAGES.map((l) => ({ value: l, label: tc(`endonyms.${l}`) }))}
      />
      <Field
        id={contactId}
        label={t('phone.contact')}
        error={contactInvalid ? errorMessage(save.error) : undefined}
        type="tel"
        dir="ltr"
        value={contact}
        maxLength={200}
        onChange={(e) => setContact(e.target.value)}
      />
      <ErrorNote error={contactInvalid ? null : save.error} />
      <Status message={saved} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('phone.submit')}
      </button>
    </form>
  );
}
