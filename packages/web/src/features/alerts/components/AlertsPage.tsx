import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LANGUAGES, type Language } from '@switchboard/shared/runtime';
import { ApiError } from '../../../kit/api.ts';
import { currentLanguage } from '../../../kit/language.ts';
import { ErrorNote, Field, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { AlertsMap } from '../../../kit/map/index.tsx';
import { LiveIndicator } from '../../../kit/badges.tsx';
import { useEventStream } from '../../../kit/stream/use-event-stream.ts';
import { alertsApi, cellsAroundMe, pushSubscription, type PublicAlertT, type SubscribeBody } from '../api.ts';
import { AreaPicker } from './AreaPicker.tsx';
import { ConfirmCodeForm, UnsubscribeForm, type ConfirmTarget } from './SubscriptionForms.tsx';
import '../alerts.css';

const CELL = /^[0-9a-f]{15}$/;
type Channel = 'push' | 'sms' | 'email';

/** Public alerts: subscribe to areas without an account, and watch verified alerts arrive live. */
export function AlertsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('alerts');
  return (
    <section className="narrow">
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      <LiveAlerts slug={slug} />
      <SubscribeForm slug={slug} />
      <UnsubscribeForm />
    </section>
  );
}

function LiveAlerts({ slug }: { slug: string }) {
  const { t } = useTranslation('alerts');
  const { t: td } = useTranslation('dispatch');
  const qc = useQueryClient();
  const key = ['public-alerts', slug];
  const alerts = useQuery({ queryKey: key, queryFn: () => alertsApi.alerts(slug), retry: false });
  const off = alerts.error instanceof ApiError && alerts.error.status === 404;
  const live = useEventStream(
    alerts.isSuccess ? `/api/v1/networks/${encodeURIComponent(slug)}/alerts/stream` : null,
    {
      'alert.published': ({ alert }) => {
        qc.setQueryData<{ alerts: PublicAlertT[] }>(key, (old) => ({
          alerts: [alert, ...(old?.alerts ?? []).filter((a) => a.id !== alert.id)],
        }));
      },
    },
    // Back after a drop: read the alerts again, one may have gone out meanwhile.
    (first) => {
      if (!first) void qc.invalidateQueries({ queryKey: key });
    },
  );
  return (
    <>
      <div className="title-row">
        <h2>{t('live')}</h2>
        {alerts.isSuccess && <LiveIndicator state={live} />}
      </div>
      {alerts.isSuccess && alerts.data.alerts.length > 0 && <AlertsMap alerts={alerts.data.alerts} />}
      {alerts.isPending ? (
        <Loading />
      ) : off ? (
        <p className="muted">{t('liveOff')}</p>
      ) : alerts.isError ? (
        <ErrorNote error={alerts.error} />
      ) : alerts.data.alerts.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="alert-list" aria-live="polite">
          {alerts.data.alerts.map((a) => (
            <li key={a.id} className="card alert-item" data-alert={a.id} data-incident={a.incidentId}>
              <p>
                <span className="badge inc-verified">{t(`kinds.${a.kind}`)}</span>{' '}
                <strong>{td(`categories.${a.category}`)}</strong>
              </p>
              {a.kind === 'update' && a.preset && <p>{t(`updates.${a.preset}`)}</p>}
              <p className="muted">
                {formatDateTime(a.createdAt)} · <AlertWhere alert={a} />
              </p>
              <p>{t('rights')}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Where an alert is, in words ("Phillips West, near Lake St & Chicago Ave"); the area code only when nothing is named. */
function AlertWhere({ alert: a }: { alert: PublicAlertT }) {
  const { t } = useTranslation('alerts');
  if (a.areaName && a.placeName && a.placeName !== a.areaName)
    return <span>{t('areaNear', { area: a.areaName, place: a.placeName })}</span>;
  if (a.areaName ?? a.placeName) return <span>{a.areaName ?? a.placeName}</span>;
  return <span dir="ltr">{t('area', { area: a.area })}</span>;
}

function SubscribeForm({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation('alerts');
  const { t: tc } = useTranslation('common');
  const [cells, setCells] = useState<string[]>([]);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const areas = useQuery({ queryKey: ['areas', slug], queryFn: () => alertsApi.areas(slug), retry: false, staleTime: 300_000 });
  const named = areas.data?.areas ?? [];
  const [typed, setTyped] = useState('');
  const [locating, setLocating] = useState(false);
  const [refused, setRefused] = useState(false);
  const [discreet, setDiscreet] = useState(false);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<ConfirmTarget | null>(null);
  const vapid = useQuery({ queryKey: ['vapid'], queryFn: alertsApi.vapidKey, retry: false });
  const pushOk = vapid.isSuccess && typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;
  const channels: Channel[] = pushOk ? ['push', 'sms', 'email'] : ['sms', 'email'];
  const [channel, setChannel] = useState<Channel | null>(null);
  const chosen: Channel = channel && channels.includes(channel) ? channel : channels[0];

  const locate = async () => {
    setLocating(true);
    setRefused(false);
    try {
      setCells(await cellsAroundMe());
    } catch {
      setRefused(true);
    } finally {
      setLocating(false);
    }
  };

  const subscribe = useMutation({
    mutationFn: async (body: Omit<SubscribeBody, 'push'>) => {
      const push = chosen === 'push' && vapid.data ? await pushSubscription(vapid.data.publicKey) : undefined;
      return alertsApi.subscribe(slug, { ...body, push });
    },
    onSuccess: (r, body) => {
      // SMS and email start only once the code sent to them is entered.
      if (r.confirmationRequired)
        setPending(
          body.channel === 'sms' ? { channel: 'sms', phone: body.phone ?? '' } : { channel: 'email', email: body.email ?? '' },
        );
      else setDone(t('subscribed', { token: r.manageToken }));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setPending(null);
    const typedCells = typed
      .split(/[\s,]+/)
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean);
    const errs: Record<string, string> = {};
    if (typedCells.some((c) => !CELL.test(c))) errs.cells = t('cellInvalid');
    const all = [...new Set([...cells, ...typedCells.filter((c) => CELL.test(c))])];
    if (all.length === 0 && areaIds.length === 0 && !errs.cells) errs[named.length > 0 ? 'areas' : 'cells'] = t('areasRequired');
    if (chosen === 'sms' && !/^\+[1-9][0-9]{6,14}$/.test(phone.replace(/[\s-]/g, ''))) errs.phone = t('phoneInvalid');
    if (chosen === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs.email = t('emailInvalid');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    subscribe.mutate({
      channel: chosen,
      cells: all.slice(0, 50),
      areas: areaIds,
      language: currentLanguage(),
      discreet,
      phone: chosen === 'sms' ? phone.replace(/[\s-]/g, '') : undefined,
      email: chosen === 'email' ? email.trim() : undefined,
    });
  };

  return (
    <>
      <form onSubmit={submit} noValidate>
        <h2>{t('subscribe')}</h2>
        <fieldset>
          <legend>{t('areas')}</legend>
          <button type="button" className="secondary" onClick={() => void locate()} disabled={locating}>
            {locating ? t('locating') : t('useLocation')}
          </button>
          {cells.length > 0 && <p role="status">{t('areaChosen', { count: cells.length })}</p>}
          {refused && <p className="field-error">{t('locationRefused')}</p>}
          {named.length > 0 && <AreaPicker areas={named} chosen={areaIds} onChange={setAreaIds} error={errors.areas} />}
          {/* Area codes stay for networks without named areas, and for the few who have them. */}
          <details open={named.length === 0 || Boolean(errors.cells)}>
            <summary>{t('cellsMore')}</summary>
            <Field
              label={t('cellField')}
              hint={t('cellHint')}
              error={errors.cells}
              dir="ltr"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </details>
        </fieldset>
        <SelectField
          label={t('language')}
          value={currentLanguage()}
          onChange={(e) => void i18n.changeLanguage(e.target.value as Language)}
          options={LANGUAGES.map((l) => ({ value: l, label: tc(`endonyms.${l}`) }))}
        />
        <label className="check">
          <input type="checkbox" checked={discreet} onChange={(e) => setDiscreet(e.target.checked)} />
          <span>{t('discreet')}</span>
        </label>
        <fieldset className="checks">
          <legend>{t('channel')}</legend>
          {channels.map((c) => (
            <label key={c} className="check">
              <input type="radio" name="channel" value={c} checked={chosen === c} onChange={() => setChannel(c)} />
              <span>{t(`channels.${c}`)}</span>
            </label>
          ))}
        </fieldset>
        {!pushOk && !vapid.isPending && <p className="hint">{t('pushUnavailable')}</p>}
        {chosen === 'sms' && (
          <Field
            label={t('phone')}
            type="tel"
            dir="ltr"
            autoComplete="tel"
            error={errors.phone}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        )}
        {chosen === 'email' && (
          <Field
            label={t('email')}
            type="email"
            dir="ltr"
            autoComplete="email"
            error={errors.email}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        <ErrorNote error={subscribe.error} />
        <Status message={done} />
        <button type="submit" className="primary" disabled={subscribe.isPending}>
          {t('subscribe')}
        </button>
      </form>
      {pending && (
        <ConfirmCodeForm
          key={pending.channel === 'sms' ? pending.phone : pending.email}
          slug={slug}
          target={pending}
          onConfirmed={(token) => {
            setPending(null);
            setDone(t('subscribed', { token }));
          }}
        />
      )}
    </>
  );
}
