import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../kit/format.ts';
import type { CareRequestT, CareTaskT } from '../api.ts';

const ICONS: Record<string, string> = {
  new: '●',
  open: '○',
  accepted: '✓',
  declined: '✕',
  merged: '⇄',
  claimed: '◐',
  assigned: '◑',
  picked_up: '→',
  delivered: '✓',
  failed: '✕',
  closed: '■',
};

/** A request or task status: colour, icon and word (colour is never the only signal). */
export function CareBadge({ status }: { status: string }) {
  const { t } = useTranslation('care');
  return (
    <span className={`badge care-${status}`}>
      <span aria-hidden="true">{ICONS[status] ?? '•'} </span>
      {t(`status.${status}`)}
    </span>
  );
}

/** The coarse area only: a neighbourhood name, or "area not named" (never the address). */
export function areaLabel(area: CareTaskT['area'], t: (k: string) => string): string {
  return area.name ?? t('area.unnamed');
}

/** Heading of a request or task card: kind, area, items and when it came in. */
export function CareHeading({ item }: { item: CareRequestT | CareTaskT }) {
  const { t } = useTranslation('care');
  return (
    <>
      <h2 className="care-title">
        {t(`kinds.${item.kind}`)} · <span className="care-area">{areaLabel(item.area, t)}</span>
      </h2>
      <ul className="care-items" aria-label={t('items')}>
        {item.items.map((it, i) => (
          <li key={`${i}-${it.name}`}>{t('itemLine', { name: it.name, quantity: it.quantity })}</li>
        ))}
      </ul>
      <p className="muted">{t('since', { when: formatDateTime(item.createdAt) })}</p>
    </>
  );
}
