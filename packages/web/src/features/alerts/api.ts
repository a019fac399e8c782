import type { z } from 'zod';
import type {
  AreaList,
  ConfirmSubscriptionRequest,
  CreateSubscriptionRequest,
  PublicAlert,
  PublicAlertList,
  SubscriptionConfirmed,
  SubscriptionCreated,
} from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type PublicAlertT = z.infer<typeof PublicAlert>;
export type SubscribeBody = z.input<typeof CreateSubscriptionRequest>;
export type ConfirmBody = z.input<typeof ConfirmSubscriptionRequest>;
export type AreaT = z.infer<typeof AreaList>['areas'][number];

const n = (slug: string) => `/networks/${encodeURIComponent(slug)}`;

export const alertsApi = {
  /** The network's named neighbourhoods, to subscribe by name (public; served by the places module). */
  areas: (slug: string) => api<z.infer<typeof AreaList>>('GET', `${n(slug)}/areas`),
  alerts: (slug: string) => api<z.infer<typeof PublicAlertList>>('GET', `${n(slug)}/alerts`),
  subscribe: (slug: string, body: SubscribeBody) =>
    api<z.infer<typeof SubscriptionCreated>>('POST', `${n(slug)}/alert-subscriptions`, body),
  confirm: (slug: string, body: ConfirmBody) =>
    api<z.infer<typeof SubscriptionConfirmed>>('POST', `${n(slug)}/alert-subscriptions/confirm`, body),
  unsubscribe: (token: string) => api<{ ok: true }>('DELETE', `/alert-subscriptions/${encodeURIComponent(token)}`),
  vapidKey: () => api<{ publicKey: string }>('GET', '/push/vapid-public-key'),
};

/** The cells (H3 resolution 7) around this device: its own and the ring next to it. The position stays here. */
export async function cellsAroundMe(): Promise<string[]> {
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
  const { latLngToCell, gridDisk } = await import('h3-js');
  return gridDisk(latLngToCell(pos.coords.latitude, pos.coords.longitude, 7), 1);
}

function base64UrlToBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Subscribe this browser to Web Push with the server's VAPID key. */
export async function pushSubscription(publicKey: string): Promise<NonNullable<SubscribeBody['push']>> {
  const reg = await navigator.serviceWorker.ready;
  const sub = await reg.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(publicKey) as BufferSource,
  });
  const json = sub.toJSON() as { endpoint?: string; keys?: { p256dh?: string; auth?: string } };
  return { endpoint: json.endpoint ?? sub.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } };
}
