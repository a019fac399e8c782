import { z } from 'zod';

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
  /** Sign-in attempts allowed per source per minute. */
  SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
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
  });
}
