import { useTranslation } from 'react-i18next';
import type { CareAddressT } from '../api.ts';
import { phoneOf } from '../contact.ts';

/**
 * The address and contact of the driver's task, as the server sent them. Rendered from the
 * parent's state only: it is gone when the card closes, the trip ends or the page reloads.
 */
export function TaskAddress({ address, headingId }: { address: CareAddressT; headingId: string }) {
  const { t } = useTranslation('care');
  const phone = phoneOf(address.contact);
  return (
    <section className="care-address" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mine.addressTitle')}</h3>
      <p data-testid="care-address">{address.address}</p>
      <p>
        {t('mine.contact')}: <span className="break">{address.contact}</span>
      </p>
      {phone && (
        <p className="links">
          <a href={`tel:${phone}`}>{t('mine.call')}</a>
          <a href={`sms:${phone}`}>{t('mine.text')}</a>
        </p>
      )}
      <p className="hint">{t('mine.addressNote')}</p>
    </section>
  );
}
