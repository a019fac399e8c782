import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LANGUAGES, type Language } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { CheckboxGroup, ErrorNote, Field, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { type MeT, useMe, useSetMe } from '../../../kit/session.ts';
import { identityApi } from '../api.ts';

/** Mirrors NotificationChannels.phone in @switchboard/shared (kept as a regex so zod stays out of the bundle). */
const PHONE = /^\+?[0-9 ()-]{7,20}$/;
/** Mirrors AreaCell in @switchboard/shared: an H3 cell index. */
const AREA_CELL = /^[0-9a-f]{15}$/;

export function ProfilePage() {
  const { t } = useTranslation(['identity', 'common']);
  const me = useMe().data!;
  return (
    <section className="narrow">
      <PageTitle>{t('profile.title')}</PageTitle>
      <ul className="links">
        <li>
          <Link to="/profile/sessions">{t('sessions.title')}</Link>
        </li>
        <li>
          <Link to="/profile/passkeys">{t('passkeys.title')}</Link>
        </li>
      </ul>
      <ProfileForm key={me.id} me={me} />
      <PasswordForm />
    </section>
  );
}

function ProfileForm({ me }: { me: MeT }) {
  const { t, i18n } = useTranslation(['identity', 'common']);
  const setMe = useSetMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setLanguage] = useState<Language>(me.language);
  const [spoken, setSpoken] = useState<string[]>(me.languagesSpoken);
  const [homeArea, setHomeArea] = useState(me.homeArea ?? '');
  const [channels, setChannels] = useState<string[]>(
    (['email', 'sms', 'push'] as const).filter((c) => me.notificationChannels[c]),
  );
  const [phone, setPhone] = useState(me.notificationChannels.phone ?? '');
  const [errors, setErrors] = useState<{ displayName?: string; homeArea?: string; phone?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      identityApi.updateProfile({
        displayName: displayName.trim(),
        language,
        languagesSpoken: spoken as Language[],
        homeArea: homeArea.trim() ? homeArea.trim().toLowerCase() : null,
        notificationChannels: {
          email: channels.includes('email'),
          sms: channels.includes('sms'),
          push: channels.includes('push'),
          phone: phone.trim() ? phone.trim() : null,
        },
      }),
    onSuccess: async (m) => {
      setMe(m);
      if (m.language !== i18n.language) await i18n.changeLanguage(m.language);
      setSaved(t('profile.saved'));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const next: typeof errors = {};
    if (!displayName.trim()) next.displayName = t('profile.nameRequired');
    if (homeArea.trim() && !AREA_CELL.test(homeArea.trim().toLowerCase())) next.homeArea = t('profile.areaInvalid');
    if (phone.trim() && !PHONE.test(phone.trim())) next.phone = t('profile.phoneInvalid');
    if (channels.includes('sms') && !phone.trim()) next.phone = t('profile.phoneNeeded');
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  };

  const se = serverFieldErrors(save.error);
  const langOptions = LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }));

  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('profile.details')}</h2>
      <Field
        label={t('profile.displayName')}
        name="displayName"
        required
        value={displayName}
        error={errors.displayName ?? se.displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <SelectField
        label={t('profile.language')}
        name="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        options={langOptions}
      />
      <CheckboxGroup legend={t('profile.languagesSpoken')} options={langOptions} value={spoken} onChange={setSpoken} />
      <Field
        label={t('profile.homeArea')}
        hint={t('profile.homeAreaHint')}
        name="homeArea"
        value={homeArea}
        error={errors.homeArea ?? se.homeArea}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        onChange={(e) => setHomeArea(e.target.value)}
      />
      <CheckboxGroup
        legend={t('profile.channels')}
        options={(['email', 'sms', 'push'] as const).map((c) => ({ value: c, label: t(`profile.channel.${c}`) }))}
        value={channels}
        onChange={setChannels}
      />
      <Field
        label={t('profile.phone')}
        hint={t('profile.phoneHint')}
        type="tel"
        name="phone"
        autoComplete="tel"
        dir="ltr"
        value={phone}
        error={errors.phone ?? se['notificationChannels.phone']}
        onChange={(e) => setPhone(e.target.value)}
      />
      <ErrorNote error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('profile.save')}
      </button>
      <Status message={saved} />
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation('identity');
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => identityApi.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setSaved(t('password.saved'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (newPassword.length < 12) {
      setError(t('invite.passwordTooShort'));
      return;
    }
    setError(undefined);
    change.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('password.title')}</h2>
      <Field
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        error={serverFieldErrors(change.error).currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        label={t('password.new')}
        hint={t('invite.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        error={error ?? serverFieldErrors(change.error).newPassword}
        onChange={(e) => setNew(e.target.value)}
      />
      <ErrorNote error={change.error} />
      <button type="submit" className="primary" disabled={change.isPending}>
        {t('password.submit')}
      </button>
      <Status message={saved} />
    </form>
  );
}
