import type { z } from 'zod';
import type { ALERT_UPDATE_PRESETS } from '@switchboard/shared/runtime';
import type {
  AlertReach,
  AlertUpdateSent,
  CreateReportRequest,
  Dispatch,
  DispatchRequest,
  Incident,
  IncidentDetail,
  IncidentList,
  Report,
  ReportReceipt,
  PlaceSearchResult,
  ResponseDashboard,
  SetIncidentLocationRequest,
  StructureReportRequest,
} from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type IncidentT = z.infer<typeof Incident>;
export type IncidentDetailT = z.infer<typeof IncidentDetail>;
export type ReportT = z.infer<typeof Report>;
export type DispatchT = z.infer<typeof Dispatch>;
export type DashboardT = z.infer<typeof ResponseDashboard>;
export type CreateReportBody = z.input<typeof CreateReportRequest>;
export type DispatchBody = z.input<typeof DispatchRequest>;
export type StructureBody = z.input<typeof StructureReportRequest>;
export type PlaceMatchT = z.infer<typeof PlaceSearchResult>['places'][number];
/** Who an incident's alert reaches, counted by channel. */
export type AlertReachT = z.infer<typeof AlertReach>;
export type SetLocationBody = z.input<typeof SetIncidentLocationRequest>;
/** A prepared update to the subscribers of an alerted incident. */
export type AlertUpdatePreset = (typeof ALERT_UPDATE_PRESETS)[number];
export type StatusBody = {
  status: IncidentT['status'];
  reason?: 'on_scene_confirmation' | 'corroborated';
  note?: string;
  version: number;
};

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;
const inc = (slug: string, id: string) => `${n(slug)}/incidents/${encodeURIComponent(id)}`;

export const dispatchApi = {
  incidents: (slug: string, scope: 'open' | 'all') =>
    api<z.infer<typeof IncidentList>>('GET', `${n(slug)}/incidents?scope=${scope}`),
  incident: (slug: string, id: string) => api<IncidentDetailT>('GET', inc(slug, id)),
  setStatus: (slug: string, id: string, body: StatusBody, key?: string) =>
    api<IncidentT>('POST', `${inc(slug, id)}/status`, body, key),
  lock: (slug: string, id: string) => api<IncidentT>('POST', `${inc(slug, id)}/lock`, {}),
  unlock: (slug: string, id: string) => api<IncidentT>('DELETE', `${inc(slug, id)}/lock`),
  merge: (slug: string, id: string, incidentIds: string[]) => api<IncidentT>('POST', `${inc(slug, id)}/merge`, { incidentIds }),
  split: (slug: string, id: string, reportIds: string[]) => api<IncidentT>('POST', `${inc(slug, id)}/split`, { reportIds }),
  structure: (slug: string, reportId: string, body: StructureBody, key?: string) =>
    api<ReportT>('POST', `${n(slug)}/reports/${encodeURIComponent(reportId)}/structure`, body, key),
  contact: (slug: string, reportId: string) =>
    api<{ contact: string | null }>('GET', `${n(slug)}/reports/${encodeURIComponent(reportId)}/contact`),
  phoneReport: (slug: string, body: CreateReportBody) =>
    api<z.infer<typeof ReportReceipt>>('POST', `${n(slug)}/phone-reports`, body),
  dispatch: (slug: string, id: string, body: DispatchBody, key?: string) =>
    api<{ dispatches: DispatchT[] }>('POST', `${inc(slug, id)}/dispatches`, body, key),
  standDown: (slug: string, dispatchId: string, key?: string) =>
    api<DispatchT>('POST', `${n(slug)}/dispatches/${encodeURIComponent(dispatchId)}/stand-down`, {}, key),
  /** The network's gazetteer: places typed words may mean, best first (served by the places module). */
  searchPlaces: (slug: string, q: string) =>
    api<z.infer<typeof PlaceSearchResult>>('GET', `${n(slug)}/places?q=${encodeURIComponent(q)}`),
  setLocation: (slug: string, id: string, body: SetLocationBody, key?: string) =>
    api<IncidentT>('PUT', `${inc(slug, id)}/location`, body, key),
  responseTimes: (slug: string) => api<DashboardT>('GET', `${n(slug)}/response-times`),
  /** A dispatcher's preset update to the subscribers of an alerted incident (served by the alerts module). */
  sendAlertUpdate: (slug: string, id: string, preset: AlertUpdatePreset, key?: string) =>
    api<z.infer<typeof AlertUpdateSent>>('POST', `${inc(slug, id)}/alert-updates`, { preset }, key),
  /** How many confirmed subscribers the incident's alert goes to, by channel (served by the alerts module). */
  alertReach: (slug: string, id: string) => api<AlertReachT>('GET', `${inc(slug, id)}/alert-reach`),
};
