import type { z } from 'zod';
import type * as S from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type SiteT = z.infer<typeof S.Site>;
export type SiteDetailT = z.infer<typeof S.SiteDetail>;
export type SiteInputBody = z.input<typeof S.SiteInput>;
export type ImportResultT = z.infer<typeof S.SiteImportResult>;
export type CreateShiftBody = z.input<typeof S.CreateShiftRequest>;
export type SeriesT = z.infer<typeof S.ShiftSeries>;
export type EditSeriesBody = z.input<typeof S.EditSeriesRequest>;
export type EditResultT = z.infer<typeof S.EditSeriesResult>;
export type OccurrenceT = z.infer<typeof S.Occurrence>;
export type SlotT = OccurrenceT['slots'][number];
export type SignupT = z.infer<typeof S.Signup>;
export type CoverageT = z.infer<typeof S.Coverage>;
export type CoverageCellT = CoverageT['cells'][number];
export type OnSiteT = z.infer<typeof S.OnSiteNow>;
export type FeedT = z.infer<typeof S.CalendarFeed>;
export type Course = { id: string; key: string; name: string };
export type Where = 'near' | 'mine' | 'all';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;
const id = encodeURIComponent;

export const shiftsApi = {
  sites: (slug: string) => api<{ sites: SiteT[] }>('GET', `${n(slug)}/sites`),
  site: (slug: string, siteId: string) => api<SiteDetailT>('GET', `${n(slug)}/sites/${id(siteId)}`),
  createSite: (slug: string, body: SiteInputBody) => api<SiteDetailT>('POST', `${n(slug)}/sites`, body),
  updateSite: (slug: string, siteId: string, body: SiteInputBody) =>
    api<SiteDetailT>('PUT', `${n(slug)}/sites/${id(siteId)}`, body),
  importSites: (slug: string, body: { organizationId: string; csv: string; commit: boolean }) =>
    api<ImportResultT>('POST', `${n(slug)}/sites/import`, body),
  createShift: (slug: string, siteId: string, body: CreateShiftBody) =>
    api<SeriesT>('POST', `${n(slug)}/sites/${id(siteId)}/shifts`, body),
  series: (slug: string, siteId: string) => api<{ series: SeriesT[] }>('GET', `${n(slug)}/sites/${id(siteId)}/shifts`),
  skipDate: (slug: string, seriesId: string, date: string, remove: boolean) =>
    api<SeriesT>('POST', `${n(slug)}/shift-series/${id(seriesId)}/exceptions`, { date, remove }),
  editSeries: (slug: string, seriesId: string, body: EditSeriesBody) =>
    api<EditResultT>('PUT', `${n(slug)}/shift-series/${id(seriesId)}`, body),
  courses: (slug: string) => api<{ courses: Course[] }>('GET', `${n(slug)}/training/courses`),
  open: (slug: string, where: Where) => api<{ shifts: OccurrenceT[] }>('GET', `${n(slug)}/shifts?where=${where}&days=21`),
  mine: (slug: string) => api<{ shifts: OccurrenceT[] }>('GET', `${n(slug)}/shifts/mine`),
  signUp: (slug: string, occurrenceId: string, slotId: string) =>
    api<SignupT>('POST', `${n(slug)}/shifts/${id(occurrenceId)}/slots/${id(slotId)}/signup`, { waitlist: true }),
  take: (slug: string, signupId: string) => api<SignupT>('POST', `${n(slug)}/signups/${id(signupId)}/take`, {}),
  cancel: (slug: string, signupId: string) => api<SignupT>('POST', `${n(slug)}/signups/${id(signupId)}/cancel`, {}),
  swap: (slug: string, signupId: string, offered: boolean) =>
    api<SignupT>('POST', `${n(slug)}/signups/${id(signupId)}/swap`, { offered }),
  checkIn: (slug: string, signupId: string) => api<SignupT>('POST', `${n(slug)}/signups/${id(signupId)}/check-in`, {}),
  checkOut: (slug: string, signupId: string) => api<SignupT>('POST', `${n(slug)}/signups/${id(signupId)}/check-out`, {}),
  coverage: (slug: string, week?: string) => api<CoverageT>('GET', `${n(slug)}/coverage${week ? `?week=${week}` : ''}`),
  onSite: (slug: string) => api<OnSiteT>('GET', `${n(slug)}/on-site`),
  assign: (slug: string, occurrenceId: string, slotId: string, body: { accountId: string; overrideCertification: boolean }) =>
    api<SignupT>('POST', `${n(slug)}/shifts/${id(occurrenceId)}/slots/${id(slotId)}/assign`, body),
  callForHelp: (slug: string, occurrenceId: string, slotId: string) =>
    api<{ notified: number }>('POST', `${n(slug)}/shifts/${id(occurrenceId)}/slots/${id(slotId)}/call-for-help`, {}),
  feed: (slug: string, method: 'GET' | 'POST' | 'DELETE') => api<FeedT>(method, `${n(slug)}/calendar-feed`),
  siteFeed: (slug: string, siteId: string, method: 'GET' | 'POST' | 'DELETE') =>
    api<FeedT>(method, `${n(slug)}/sites/${id(siteId)}/calendar-feed`),
  exportUrl: (slug: string, what: 'shifts' | 'attendance') => `/api/v1${n(slug)}/exports/${what}.csv`,
};
