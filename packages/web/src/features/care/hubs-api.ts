import type { z } from 'zod';
import type * as S from '@switchboard/shared';
import { api } from '../../kit/api.ts';

export type HubListT = z.infer<typeof S.HubList>;
export type HubT = z.infer<typeof S.Hub>;

/** The hubs API, read side: hubs of the network with stock per hub and totals, never an address. */
export const hubsApi = {
  list: (slug: string) => api<HubListT>('GET', `/networks/${encodeURIComponent(slug)}/care/hubs`),
};

/** Query key of a network's hubs (under the care key, so care actions refresh it too). */
export const hubsKey = (slug: string) => ['care', slug, 'hubs'] as const;
