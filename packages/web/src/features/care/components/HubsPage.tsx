import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { type HubT, hubsApi, hubsKey } from '../hubs-api.ts';

/** A low-stock mark: icon and word, never colour alone. */
function LowMark({ low }: { low: boolean }) {
  const { t } = useTranslation('care');
  if (!low) return <span>{t('hubs.enough')}</span>;
  return (
    <span className="badge care-failed">
      <span aria-hidden="true">! </span>
      {t('hubs.low')}
    </span>
  );
}

/**
 * Supply hubs of the network for coordinators: each hub's stock (on hand, reserved, available,
 * low in words) and the network's totals. Names and coarse areas only, never a hub's address.
 */
export function HubsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const access = useCareAccess(slug);
  const list = useQuery({ queryKey: hubsKey(slug), queryFn: () => hubsApi.list(slug), enabled: !!access?.triage });
  if (access && !access.triage) return <p className="muted">{t('hubs.noAccess')}</p>;
  return (
    <section className="narrow">
      <PageTitle>{t('hubs.title')}</PageTitle>
      {list.isPending || !access ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : list.data.hubs.length === 0 ? (
        <p className="muted">{t('hubs.none')}</p>
      ) : (
        <>
          <ul className="cards">
            {list.data.hubs.map((hub) => (
              <HubCard key={hub.id} hub={hub} />
            ))}
          </ul>
          <h2>{t('hubs.totals')}</h2>
          {/* Focusable: on a narrow phone the table scrolls sideways, by keyboard too. */}
          <div className="care-table" role="region" aria-label={t('hubs.totals')} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('hubs.item')}</th>
                  <th scope="col">{t('hubs.onHand')}</th>
                  <th scope="col">{t('hubs.available')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.totals.map((line) => (
                  <tr key={line.itemId}>
                    <th scope="row">{line.name}</th>
                    <td>{t('hubs.count', { count: line.onHand, unit: line.unit })}</td>
                    <td>{t('hubs.count', { count: line.available, unit: line.unit })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function HubCard({ hub }: { hub: HubT }) {
  const { t } = useTranslation('care');
  const id = useId();
  return (
    <li className={hub.low ? 'card care-needs' : 'card'} aria-labelledby={id}>
      <h2 className="care-title" id={id}>
        {hub.name} · <span className="care-area">{hub.area.name ?? t('area.unnamed')}</span>
      </h2>
      {hub.low && (
        <p>
          <LowMark low />
          {` ${t('hubs.someLow')}`}
        </p>
      )}
      {hub.hours.length > 0 && (
        <p className="muted">
          {hub.hours
            .map((h) => t('hubs.opening', { day: t(`hubs.days.${h.day}`), opens: h.opens, closes: h.closes }))
            .join(' · ')}
        </p>
      )}
      {hub.stock.length === 0 ? (
        <p className="muted">{t('hubs.empty')}</p>
      ) : (
        <div className="care-table" role="region" aria-label={t('hubs.stockOf', { name: hub.name })} tabIndex={0}>
          <table>
            <caption>{t('hubs.stockOf', { name: hub.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hubs.item')}</th>
                <th scope="col">{t('hubs.onHand')}</th>
                <th scope="col">{t('hubs.reserved')}</th>
                <th scope="col">{t('hubs.available')}</th>
                <th scope="col">{t('hubs.level')}</th>
              </tr>
            </thead>
            <tbody>
              {hub.stock.map((line) => (
                <tr key={line.itemId}>
                  <th scope="row">{line.name}</th>
                  <td>{t('hubs.count', { count: line.onHand, unit: line.unit })}</td>
                  <td>{line.reserved}</td>
                  <td>{line.available}</td>
                  <td>
                    <LowMark low={line.low} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}
