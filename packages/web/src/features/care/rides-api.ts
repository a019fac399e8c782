import type { z } from 'zod';
import type * as S from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type CareRideT = z.infer<typeof S.CareRide>;
export type CareRideAddressT = z.infer<typeof S.CareRideAddress>;
export type RideProgressBody = z.input<typeof S.CareRideProgress>;
export type CreateRideBody = z.input<typeof S.CreateCareRide>;
export type CourseT = z.infer<typeof S.Course>;
export type RideRole = z.input<typeof S.AssignCareRide>['role'];

const r = (slug: string, rideId: string) => `/networks/${encodeURIComponent(slug)}/care/rides/${encodeURIComponent(rideId)}`;

/**
 * The rides API. The list carries the coarse pickup area only; pickup, drop-off and contact have
 * their own call, made when the driver opens a ride and kept in that card's state only.
 */
export const ridesApi = {
  file: (slug: string, body: CreateRideBody) =>
    api<{ id: string; rides: CareRideT[] }>('POST', `/networks/${encodeURIComponent(slug)}/care/rides`, body),
  /** The network's training courses: which one certifies the accompanier. */
  courses: (slug: string) => api<{ courses: CourseT[] }>('GET', `/networks/${encodeURIComponent(slug)}/training/courses`),
  list: (slug: string) => api<{ rides: CareRideT[] }>('GET', `/networks/${encodeURIComponent(slug)}/care/rides`),
  claim: (slug: string, rideId: string, organizationId: string) =>
    api<CareRideT>('POST', `${r(slug, rideId)}/claim`, { organizationId }),
  assign: (slug: string, rideId: string, role: RideRole, accountId?: string) =>
    api<CareRideT>('POST', `${r(slug, rideId)}/assign`, accountId ? { role, accountId } : { role }),
  progress: (slug: string, rideId: string, body: RideProgressBody) => api<CareRideT>('POST', `${r(slug, rideId)}/progress`, body),
  /** Audited on the server; the answer is `no-store`. Call only on the driver's explicit open. */
  address: (slug: string, rideId: string) => api<CareRideAddressT>('GET', `${r(slug, rideId)}/address`),
};

/** Query key of a network's rides (under the care key, so care actions refresh it too). */
export const ridesKey = (slug: string) => ['care', slug, 'rides'] as const;
