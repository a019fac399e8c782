import type { TFunction } from 'i18next';
import type { IncidentT } from './api.ts';

/** An incident in a few words, for a line that must say which one: its category and where. */
export function incidentName(t: TFunction<'dispatch'>, inc: IncidentT): string {
  const where = inc.placeName ?? inc.areaName ?? inc.locationText ?? t('queue.noLocation');
  return `${t(`categories.${inc.category}`)} — ${where}`;
}
