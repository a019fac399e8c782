import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '../../../kit/format.ts';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { noDemoOutbox, useDemoOutbox } from '../demo-outbox.ts';
import { useNetwork } from '../hooks.ts';

/** What the demo would have sent by email and SMS: to whom, when, and the text (demo-start only). */
export function DemoOutboxPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('networks');
  const network = useNetwork(slug);
  const outbox = useDemoOutbox(slug, { live: true });
  const messages = outbox.data?.messages ?? [];
  return (
    <section>
      <PageTitle>{t('demoOutbox.title')}</PageTitle>
      {noDemoOutbox(outbox.error) ? (
        <p>{t('demoOutbox.unavailable')}</p>
      ) : (
        <>
          <p className="muted">{t('demoOutbox.intro')}</p>
          <ErrorNote error={outbox.error} />
          {outbox.isPending ? (
            <Loading />
          ) : messages.length === 0 ? (
            <p className="muted">{t('demoOutbox.none')}</p>
          ) : (
            <ol className="cards" aria-label={t('demoOutbox.listLabel', { count: messages.length })}>
              {messages.map((m, i) => (
                <li key={`${m.sentAt}-${i}`} className="card">
                  <p>
                    <strong>{t(`demoOutbox.channels.${m.channel}`)}</strong> · {t('demoOutbox.to')} <bdi dir="ltr">{m.to}</bdi>
                  </p>
                  <p className="muted">{formatDateTime(m.sentAt, network.data?.timeZone)}</p>
                  {m.subject && (
                    <p>
                      {t('demoOutbox.subject')} <bdi>{m.subject}</bdi>
                    </p>
                  )}
                  <p className="demo-outbox-text" dir="auto">
                    {m.text}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
