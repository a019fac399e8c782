// The two small forms around a subscription: confirming an SMS or email subscription
// with the code sent to it, and stopping alerts with the code shown at subscribing.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field, Status } from '../../../kit/ui.tsx';
import { alertsApi } from '../api.ts';

/** Where the code went: the channel and the number or address as the subscriber typed it. */
export type ConfirmTarget = { channel: 'sms'; phone: string } | { channel: 'email'; email: string };

/** Enter the six-digit code that was sent; on success the subscriber gets their stop code. */
export function ConfirmCodeForm({
  slug,
  target,
  onConfirmed,
}: {
  slug: string;
  target: ConfirmTarget;
  onConfirmed: (manageToken: string) => void;
}) {
  const { t } = useTranslation('alerts');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = useMutation({
    mutationFn: (digits: string) => alertsApi.confirm(slug, { ...target, code: digits }),
    onSuccess: (r) => onConfirmed(r.manageToken),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(digits)) {
      setError(t('codeInvalid'));
      return;
    }
    setError(undefined);
    confirm.mutate(digits);
  };
  const to = target.channel === 'sms' ? target.phone : target.email;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="confirm-code-title">
      <h2 id="confirm-code-title">{t('codeTitle')}</h2>
      <p role="status">{t('codeSent', { to })}</p>
      <Field
        label={t('code')}
        hint={t(target.channel === 'sms' ? 'codeHintSms' : 'codeHintEmail')}
        error={error}
        dir="ltr"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <ErrorNote error={confirm.error} />
      <button type="submit" className="primary" disabled={confirm.isPending}>
        {t('confirm')}
      </button>
    </form>
  );
}

/** Stop alerts with the stop code shown once when the subscription started. */
export function UnsubscribeForm() {
  const { t } = useTranslation('alerts');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const stop = useMutation({
    mutationFn: (value: string) => alertsApi.unsubscribe(value),
    onSuccess: () => {
      setToken('');
      setDone(t('stopped'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const value = token.trim();
    if (!/^[A-Za-z0-9_-]{43}$/.test(value)) {
      setError(t('stopInvalid'));
      return;
    }
    setError(undefined);
    stop.mutate(value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('stopTitle')}</h2>
      <Field
        label={t('stopField')}
        hint={t('stopHint')}
        error={error}
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <ErrorNote error={stop.error} />
      <Status message={done} />
      <button type="submit" className="secondary" disabled={stop.isPending}>
        {t('stop')}
      </button>
    </form>
  );
}
