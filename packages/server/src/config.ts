import { z } from 'zod';

/**
 * The browsers' own push services, as of 2026. Each browser picks its service; a page cannot.
 * - fcm.googleapis.com: Google Firebase Cloud Messaging, for Chrome and most Chromium browsers (Brave, Opera, Samsung Internet).
 * - updates.push.services.mozilla.com: Mozilla autopush, for Firefox.
 * - *.push.apple.com: Apple, for Safari and home-screen web apps on macOS and iOS (web.push.apple.com today;
 *   WebKit asks servers to allow any subdomain).
 * - *.notify.windows.com: Windows Push Notification Services, for Edge (wns2-….notify.windows.com).
 */
export const DEFAULT_PUSH_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.apple.com',
  '*.notify.windows.com',
];

/** Environment variables Switchboard reads; documented in the README. */
const EnvSchema = z.object({
  /** TCP port to listen on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Address to bind; loopback by default so a reverse proxy fronts it. */
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… for PostgreSQL, file:/path for SQLite. */
  DATABASE_URL: z.string().default('file:./data/switchboard.db'),
  /** Public base URL, used in invitation links and WebAuthn. */
  PUBLIC_URL: z.url().optional(),
  /** Path to the master key file (keep it off the data disk). */
  SWITCHBOARD_KEY_FILE: z.string().optional(),
  /** During key rotation: the old key file, so fields not yet re-encrypted stay readable. */
  SWITCHBOARD_PREVIOUS_KEY_FILE: z.string().optional(),
  /** Log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory holding the built web app (defaults to packages/web/dist). */
  WEB_DIST: z.string().optional(),
  /** Set to 1 behind a reverse proxy so rate limits key on the forwarded client, not the proxy. */
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Twilio account (SMS in and out); see README "Connecting a Twilio number". */
  TWILIO_ACCOUNT_SID: z.string().optional(),
  /** Twilio auth token: signs inbound webhooks and authenticates REST calls. */
  TWILIO_AUTH_TOKEN: z.string().optional(),
  /** The hotline number messages are sent from (E.164). */
  TWILIO_FROM: z.string().optional(),
  /** Twilio REST base URL (tests point it at a local double). */
  TWILIO_API_BASE: z.url().default('https://api.twilio.com'),
  /** SMTP server for email, e.g. smtp://user:pass@mail.example.org:587. */
  SMTP_URL: z.string().optional(),
  /** Sender address for email. */
  SMTP_FROM: z.string().default('Switchboard <alerts@localhost>'),
  /** VAPID keys for Web Push (npx web-push generate-vapid-keys). */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** Contact for push services, mailto: or https:. */
  VAPID_SUBJECT: z.string().default('mailto:admin@localhost'),
  /**
   * Push services subscriptions may point at, comma-separated ("*.push.apple.com" = its subdomains);
   * "*" = any host with a public address. Default: the browsers' own services (DEFAULT_PUSH_HOSTS).
   */
  PUSH_ALLOWED_HOSTS: z.string().optional(),
  /** Tests only: push endpoints on loopback over http (the local push double). Ignored unless NODE_ENV=test. */
  PUSH_ALLOW_LOOPBACK_FOR_TESTS: z.enum(['0', '1']).default('0'),
  /** Node's own: "test" under the test runner (only there is the loopback setting above honoured). */
  NODE_ENV: z.string().optional(),
  /** Reports accepted per source per minute (web form, JSON API, SMS sender). */
  REPORT_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Reports per minute to one network (all doors) above which anonymous reporters must solve a challenge. */
  FLOOD_REPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Requests to the API, hooks and report pages per source per minute (the app's own static files do not count). */
  REQUEST_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Sign-in attempts allowed per source per minute. */
  SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Directory of raster map tiles laid out z/x/y.png (or .jpg/.webp), served by Switchboard itself; unset = schematic maps. */
  MAP_TILES_DIR: z.string().min(1).optional(),
  /** Credit line the tile set's licence asks for, shown on every map (e.g. "© OpenStreetMap contributors"). */
  MAP_TILES_ATTRIBUTION: z.string().max(200).optional(),
  /** One PMTiles v3 file of the region's vector tiles (a Protomaps basemap extract), served by Switchboard itself; unset = no vector basemap. */
  BASEMAP_PMTILES: z.string().min(1).optional(),
  /** Credit line for the basemap's data, shown on every map. */
  BASEMAP_ATTRIBUTION: z.string().max(200).default('© OpenStreetMap contributors'),
  /** A geocoder the network runs itself, asked when the gazetteer knows no place for typed words; unset = off. */
  GEOCODER_URL: z.url().optional(),
  /** Its protocol: Nominatim's /search (jsonv2) or Photon's /api (GeoJSON). */
  GEOCODER_PROTOCOL: z.enum(['nominatim', 'photon']).default('nominatim'),
  /** How long intake waits for it before filing the report unplaced. */
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
});

/** Parsed, frozen configuration. */
export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  keyFile: string | undefined;
  previousKeyFile: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  webDist: string | undefined;
  trustProxy: boolean;
  signInLimitPerMinute: number;
  requestLimitPerMinute: number;
  reportLimitPerMinute: number;
  floodReportsPerMinute: number;
  twilio: { accountSid: string; authToken: string; from: string; apiBase: string } | undefined;
  smtp: { url: string; from: string } | undefined;
  vapid: { publicKey: string; privateKey: string; subject: string } | undefined;
  /**
   * Which push endpoints the server POSTs to (notify's PushEndpointPolicy): allowedHosts null = any
   * public host. loopbackIgnored: the test setting was asked for outside NODE_ENV=test (serve warns).
   */
  pushEndpoints: { allowedHosts: readonly string[] | null; allowLoopback: boolean; loopbackIgnored: boolean };
  /** Self-hosted map tiles; undefined means maps draw a schematic background. */
  mapTiles: { dir: string; attribution: string | null } | undefined;
  /** Self-hosted vector basemap (a .pmtiles file); undefined means none. */
  basemap: { file: string; attribution: string | null } | undefined;
  /** The network's own geocoder (Nominatim or Photon); undefined means the gazetteer alone places typed words. */
  geocoder: { url: string; protocol: 'nominatim' | 'photon'; timeoutMs: number } | undefined;
}>;

/** Parse configuration once from an environment (process.env is read only here). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    keyFile: e.SWITCHBOARD_KEY_FILE,
    previousKeyFile: e.SWITCHBOARD_PREVIOUS_KEY_FILE,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    signInLimitPerMinute: e.SIGN_IN_LIMIT_PER_MINUTE,
    requestLimitPerMinute: e.REQUEST_LIMIT_PER_MINUTE,
    reportLimitPerMinute: e.REPORT_LIMIT_PER_MINUTE,
    floodReportsPerMinute: e.FLOOD_REPORTS_PER_MINUTE,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            from: e.TWILIO_FROM ?? '',
            apiBase: e.TWILIO_API_BASE.replace(/\/$/, ''),
          }
        : undefined,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    vapid:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT }
        : undefined,
    pushEndpoints: pushEndpointsFrom(e),
    mapTiles: e.MAP_TILES_DIR ? { dir: e.MAP_TILES_DIR, attribution: e.MAP_TILES_ATTRIBUTION?.trim() || null } : undefined,
    basemap: e.BASEMAP_PMTILES ? { file: e.BASEMAP_PMTILES, attribution: e.BASEMAP_ATTRIBUTION.trim() || null } : undefined,
    geocoder: e.GEOCODER_URL
      ? { url: e.GEOCODER_URL.replace(/\/$/, ''), protocol: e.GEOCODER_PROTOCOL, timeoutMs: e.GEOCODER_TIMEOUT_MS }
      : undefined,
  });
}

/** The push endpoint policy from the environment; the loopback test setting only under NODE_ENV=test. */
function pushEndpointsFrom(e: z.infer<typeof EnvSchema>): Config['pushEndpoints'] {
  const list = (e.PUSH_ALLOWED_HOSTS ?? DEFAULT_PUSH_HOSTS.join(','))
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const requested = e.PUSH_ALLOW_LOOPBACK_FOR_TESTS === '1';
  const testing = e.NODE_ENV === 'test';
  return {
    allowedHosts: list.includes('*') ? null : Object.freeze(list),
    allowLoopback: requested && testing,
    loopbackIgnored: requested && !testing,
  };
}
