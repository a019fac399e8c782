import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../kit/ui.tsx';

export function NotFound() {
  const { t } = useTranslation('common');
  return (
    <section>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}
