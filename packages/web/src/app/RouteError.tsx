import { useTranslation } from 'react-i18next';
import { PageTitle } from '../kit/ui.tsx';

/** Shown when a screen fails to render: says what to do, never a stack trace. */
export function RouteError() {
  const { t } = useTranslation('common');
  return (
    <main id="main">
      <section>
        <PageTitle>{t('crash.title')}</PageTitle>
        <p>{t('crash.body')}</p>
        <p>
          <a className="button" href="/">
            {t('crash.reload')}
          </a>
        </p>
      </section>
    </main>
  );
}
