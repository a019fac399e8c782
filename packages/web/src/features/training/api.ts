import type { z } from 'zod';
import type {
  Certification,
  CertificationList,
  Course,
  CourseList,
  CreateCourseRequest,
  CreateSessionRequest,
  ImportPreview,
  ImportResult,
  MyRegistration,
  PeopleList,
  SaveAttendanceResult,
  SessionRoster,
  TrainingDashboard,
  TrainingSession,
  TrainingSessionList,
  UpdateCourseRequest,
  UpdateSessionRequest,
} from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type CourseT = z.infer<typeof Course>;
export type SessionT = z.infer<typeof TrainingSession>;
export type CertificationT = z.infer<typeof Certification>;
export type RosterT = z.infer<typeof SessionRoster>;
export type DashboardT = z.infer<typeof TrainingDashboard>;
export type ImportPreviewT = z.infer<typeof ImportPreview>;
export type CreateCourseBody = z.input<typeof CreateCourseRequest>;
export type UpdateCourseBody = z.input<typeof UpdateCourseRequest>;
export type CreateSessionBody = z.input<typeof CreateSessionRequest>;
export type UpdateSessionBody = z.input<typeof UpdateSessionRequest>;

const t = (slug: string) => `/networks/${encodeURIComponent(slug)}/training`;
const s = (slug: string, id: string) => `${t(slug)}/sessions/${encodeURIComponent(id)}`;

/** Calls to the training API. */
export const trainingApi = {
  courses: (slug: string) => api<z.infer<typeof CourseList>>('GET', `${t(slug)}/courses`),
  createCourse: (slug: string, body: CreateCourseBody) => api<CourseT>('POST', `${t(slug)}/courses`, body),
  updateCourse: (slug: string, id: string, body: UpdateCourseBody) =>
    api<CourseT>('PATCH', `${t(slug)}/courses/${encodeURIComponent(id)}`, body),
  sessions: (slug: string, when: 'upcoming' | 'past' = 'upcoming') =>
    api<z.infer<typeof TrainingSessionList>>('GET', `${t(slug)}/sessions?when=${when}`),
  session: (slug: string, id: string) => api<SessionT>('GET', s(slug, id)),
  createSession: (slug: string, body: CreateSessionBody) => api<SessionT>('POST', `${t(slug)}/sessions`, body),
  updateSession: (slug: string, id: string, body: UpdateSessionBody) => api<SessionT>('PATCH', s(slug, id), body),
  cancelSession: (slug: string, id: string) => api<SessionT>('PATCH', s(slug, id), { status: 'cancelled' }),
  register: (slug: string, id: string, joinWaitlist: boolean) =>
    api<z.infer<typeof MyRegistration>>('PUT', `${s(slug, id)}/registration`, { joinWaitlist }),
  cancel: (slug: string, id: string) => api<z.infer<typeof MyRegistration>>('DELETE', `${s(slug, id)}/registration`),
  roster: (slug: string, id: string) => api<RosterT>('GET', `${s(slug, id)}/roster`),
  saveAttendance: (slug: string, id: string, present: string[], signedOff: string[]) =>
    api<z.infer<typeof SaveAttendanceResult>>('PUT', `${s(slug, id)}/attendance`, { present, signedOff }),
  people: (slug: string, q: string) => api<z.infer<typeof PeopleList>>('GET', `${t(slug)}/people?q=${encodeURIComponent(q)}`),
  certificationsOf: (slug: string, accountId: string) =>
    api<z.infer<typeof CertificationList>>('GET', `${t(slug)}/certifications?accountId=${encodeURIComponent(accountId)}`),
  issueCertification: (slug: string, body: { accountId: string; courseId: string; reason: string }) =>
    api<CertificationT>('POST', `${t(slug)}/certifications`, body),
  revokeCertification: (slug: string, id: string, reason: string) =>
    api<CertificationT>('POST', `${t(slug)}/certifications/${encodeURIComponent(id)}/revoke`, { reason }),
  myCertifications: (slug: string) => api<z.infer<typeof CertificationList>>('GET', `${t(slug)}/certifications/mine`),
  dashboard: (slug: string) => api<DashboardT>('GET', `${t(slug)}/dashboard`),
  previewImport: (slug: string, csv: string) => api<ImportPreviewT>('POST', `${t(slug)}/imports/preview`, { csv }),
  confirmImport: (slug: string, csv: string) => api<z.infer<typeof ImportResult>>('POST', `${t(slug)}/imports`, { csv }),
};
