import type { SetIncidentLocationRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork } from '../networks/index.ts';
import { locate, placeById, type Location } from '../places/index.ts';
import { areaOf } from './geo.ts';
import { assertNotLockedByOther, mutate } from './incidents.service.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';
import * as repo from './reports.repository.ts';
import * as rows from './report-rows.ts';
import { SEALED_DETAIL_FIELDS, sealDetail } from './sealed-fields.ts';

/**
 * A dispatcher places an incident: a place picked from the gazetteer search, or a point put
 * on the map. What dispatch, alerts and the map need follows from it (the point, the coarse
 * area, the place and area in words), and the timeline says who placed it where.
 */
export async function setIncidentLocation(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof SetIncidentLocationRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['incident.update']);
  const networkId = inNet.network.id;
  const location = await locationOf(ctx, networkId, input);
  return mutate(ctx, inNet, incidentId, async (trx, incident, audit) => {
    const now = ctx.deps.clock.now().toISOString();
    assertNotLockedByOther(inNet, incident, now);
    if (incident.version !== input.version) throw conflict('conflict', { version: incident.version });
    const point = location.point!;
    const placed = await repo.updateIncident(
      trx,
      incident.id,
      {
        ...rows.sealedIncidentColumns(ctx.deps.keyring, {
          point,
          placeName: location.placeName,
          locationText: 'locationText' in input && input.locationText ? input.locationText : incident.locationText,
        }),
        cell: areaOf(point),
        place_id: location.placeId,
        area_name: location.areaName,
        updated_at: now,
      },
      incident.version,
    );
    if (!placed) throw conflict();
    await repo.insertIncidentEvent(trx, {
      id: newId(),
      incidentId,
      networkId,
      kind: 'placed',
      actorId: inNet.actor.accountId,
      // The place in words, before and after, is sealed like the incident's own (the area stays plain).
      ...sealDetail(
        ctx.deps.keyring,
        { place: location.placeName, area: location.areaName, from: incident.placeName ?? incident.locationText },
        SEALED_DETAIL_FIELDS.placed,
      ),
      now,
    });
    await audit({
      networkId,
      actorId: inNet.actor.accountId,
      action: 'incident.place',
      targetType: 'incident',
      targetId: incidentId,
    });
  });
}

/** The location a request names: a gazetteer place of this network, or a point with its area. */
async function locationOf(
  ctx: RequestContext,
  networkId: string,
  input: z.infer<typeof SetIncidentLocationRequest>,
): Promise<Location> {
  if ('placeId' in input) {
    const place = await placeById(ctx.deps, networkId, input.placeId);
    if (!place)
      throw badRequest('validation_failed', { fields: [{ path: '/placeId', message: 'no such place in this network' }] });
    return { point: place.point, placeId: place.placeId, placeName: place.name, areaName: place.areaName };
  }
  return locate(ctx.deps, networkId, { point: input.point });
}
