import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A place the double knows, by the exact query text. */
export interface KnownPlace {
  q: string;
  lat: number;
  lng: number;
  name: string;
  displayName: string;
}

/** How the double answers every search until told otherwise. */
export type GeocoderMode = 'ok' | 'error' | 'garbage' | 'hang';

/** One request the double saw. */
export interface GeocoderRequest {
  path: string;
  params: URLSearchParams;
  userAgent: string | undefined;
}

/** A local stand-in for a self-hosted Nominatim (/search, jsonv2) and Photon (/api, GeoJSON). */
export interface GeocoderDouble {
  url: string;
  requests: GeocoderRequest[];
  setMode(mode: GeocoderMode): void;
  close(): Promise<void>;
}

/**
 * Start the double on 127.0.0.1. It answers in the documented shapes: Nominatim's jsonv2 array
 * (lat and lon as strings, place_id, category, type, name, display_name, boundingbox) and Photon's
 * FeatureCollection of Point features ([lon, lat]). An unknown query gets an empty answer.
 */
export async function startGeocoderDouble(places: KnownPlace[]): Promise<GeocoderDouble> {
  const requests: GeocoderRequest[] = [];
  let mode: GeocoderMode = 'ok';
  const hanging = new Set<ServerResponse>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, params: url.searchParams, userAgent: req.headers['user-agent'] });
    if (mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (mode === 'error') return json(res, 500, { error: { code: 500, message: 'Internal Server Error' } });
    if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"lat": "44.9", <html>not json');
    }
    const q = url.searchParams.get('q') ?? '';
    const hit = places.find((p) => p.q === q);
    if (url.pathname === '/search') {
      if (url.searchParams.get('format') !== 'jsonv2') return json(res, 400, { error: { code: 400, message: 'format' } });
      return json(
        res,
        200,
        hit
          ? [
              {
                place_id: 100149,
                licence: 'Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright',
                osm_type: 'node',
                osm_id: 107775,
                lat: String(hit.lat),
                lon: String(hit.lng),
                category: 'highway',
                type: 'crossing',
                place_rank: 30,
                importance: 0.1,
                addresstype: 'highway',
                name: hit.name,
                display_name: hit.displayName,
                boundingbox: [String(hit.lat - 0.001), String(hit.lat + 0.001), String(hit.lng - 0.001), String(hit.lng + 0.001)],
              },
            ]
          : [],
      );
    }
    if (url.pathname === '/api')
      return json(res, 200, {
        type: 'FeatureCollection',
        features: hit
          ? [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [hit.lng, hit.lat] },
                properties: {
                  osm_type: 'N',
                  osm_id: 107775,
                  osm_key: 'highway',
                  osm_value: 'crossing',
                  name: hit.name,
                  type: 'house',
                },
              },
            ]
          : [],
      });
    return json(res, 404, { error: { code: 404, message: 'Not found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (m) => {
      mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
