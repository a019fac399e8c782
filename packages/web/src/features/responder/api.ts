import type { z } from 'zod';
import type { AvailabilityRequest, Dispatch, ResponderState } from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type ResponderStateT = z.infer<typeof ResponderState>;
export type MyDispatchT = ResponderStateT['dispatches'][number];
export type DispatchT = z.infer<typeof Dispatch>;
export type MyDispatchStatus = 'accepted' | 'declined' | 'en_route' | 'on_scene';

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;

export const responderApi = {
  state: (slug: string) => api<ResponderStateT>('GET', `${n(slug)}/responder`),
  setAvailability: (slug: string, body: z.input<typeof AvailabilityRequest>) =>
    api<ResponderStateT>('PUT', `${n(slug)}/responder/availability`, body),
  answer: (slug: string, dispatchId: string, status: MyDispatchStatus, key?: string) =>
    api<DispatchT>('PATCH', `${n(slug)}/dispatches/${encodeURIComponent(dispatchId)}`, { status }, key),
};

/** Where this device is, once, as a coarse H3 cell; the position itself never leaves the phone. */
export async function currentCell(resolution: number): Promise<string> {
  const pos = await new Promise<GeolocationPosition>((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('no geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(resolve, reject, {
      enableHighAccuracy: false,
      timeout: 10_000,
      maximumAge: 300_000,
    });
  });
  const { latLngToCell } = await import('h3-js');
  return latLngToCell(pos.coords.latitude, pos.coords.longitude, resolution);
}

export const CELL_PATTERN = /^[0-9a-f]{15}$/;
