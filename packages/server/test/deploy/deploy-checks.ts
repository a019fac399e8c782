// What the deployment files must keep (docs/self-hosting.md): each check returns its problems,
// so the test can show both that the shipped files have none and that a bad file is caught.
import { copySources, envNames, stages } from './dockerfile.ts';
import { environment, parseUnit, settings } from './systemd-unit.ts';

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root']);
/** A source that could carry the master key (or any local secret) into an image layer. */
const SECRET_SOURCE = /(\.key$|(^|\/)secrets?(\/|$)|(^|\/)\.env|(^|\/)data(\/|$))/;
/** Without a .dockerignore entry, `COPY packages packages` could still pick up a stray key. */
const REQUIRED_IGNORES = ['*.key', 'secrets', 'data', '.env'];

export function dockerfileProblems(text: string, known: readonly string[], dockerignore: string): string[] {
  const problems: string[] = [];
  const all = stages(text);
  const runtime = all.at(-1);
  if (!runtime) return ['no FROM'];
  if (all.length < 2) problems.push('not multi-stage: the runtime stage would hold the dev dependencies');
  if (!/^node:24(-[a-z]+)?-slim$/.test(runtime.from)) problems.push(`runtime stage is ${runtime.from}, not node:24-…-slim`);

  for (const stage of all) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ENV') {
        for (const name of envNames(ins.args)) {
          if (!known.includes(name)) problems.push(`line ${ins.line}: ENV ${name} is not a config.ts variable`);
        }
      }
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        for (const source of copySources(ins.args).sources) {
          if (SECRET_SOURCE.test(source))
            problems.push(`line ${ins.line}: ${ins.keyword} ${source} could put a secret in the image`);
        }
      }
      if (ins.keyword === 'RUN' && /\.key\b/.test(ins.args) && !ins.args.includes('--mount=type=secret')) {
        problems.push(`line ${ins.line}: RUN touches a key file at build time`);
      }
    }
  }

  const users = runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args.trim());
  const user = users.at(-1);
  if (!user) problems.push('runtime stage has no USER: it would run as root');
  else if (ROOT_USERS.has(user)) problems.push(`runtime stage runs as ${user}`);

  const health = runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  if (!health?.args.includes('/healthz')) problems.push('runtime stage has no HEALTHCHECK on /healthz');
  if (!runtime.instructions.some((i) => i.keyword === 'VOLUME')) problems.push('runtime stage declares no data VOLUME');

  const ignored = new Set(dockerignore.split('\n').map((l) => l.trim()));
  for (const entry of REQUIRED_IGNORES) if (!ignored.has(entry)) problems.push(`.dockerignore lacks ${entry}`);
  return problems;
}

type Service = {
  build?: unknown;
  environment?: Record<string, unknown> | string[];
  ports?: unknown[];
  secrets?: (string | { source: string })[];
  image?: string;
};
type Compose = { services?: Record<string, Service>; secrets?: Record<string, { file?: string }> };

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

export function composeProblems(compose: Compose, known: readonly string[], caddyfile: string): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const apps = Object.entries(services).filter(([, s]) => s.build !== undefined);
  if (apps.length !== 1) return [`expected one service built from the Dockerfile, found ${apps.length}`];
  const [appName, app] = apps[0] as [string, Service];

  const env = envOf(app);
  for (const name of Object.keys(env)) {
    if (!known.includes(name)) problems.push(`${appName}: environment ${name} is not a config.ts variable`);
  }
  if (env.TRUST_PROXY !== '1') problems.push(`${appName}: TRUST_PROXY is not 1 behind the proxy`);
  if (!env.DATABASE_URL?.startsWith('postgres://')) problems.push(`${appName}: DATABASE_URL does not name PostgreSQL`);

  // The key: a compose secret, mounted where SWITCHBOARD_KEY_FILE points.
  const secretNames = (app.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
  const keySecret = secretNames.find((n) => env.SWITCHBOARD_KEY_FILE === `/run/secrets/${n}`);
  if (!keySecret) problems.push(`${appName}: SWITCHBOARD_KEY_FILE is not one of its secrets' mounts`);
  else if (!compose.secrets?.[keySecret]?.file) problems.push(`secret ${keySecret} is not declared with a file`);

  const published = Object.entries(services)
    .filter(([, s]) => (s.ports ?? []).length > 0)
    .map(([name]) => name);
  const proxies = Object.entries(services).filter(([, s]) => s.image?.startsWith('caddy'));
  if (proxies.length !== 1) problems.push('no Caddy service');
  if (published.join() !== proxies.map(([n]) => n).join())
    problems.push(`ports published by ${published.join(', ') || 'none'}, not by Caddy alone`);
  if (!Object.values(services).some((s) => s.image?.startsWith('postgres'))) problems.push('no PostgreSQL service');

  // Caddy must forward to the app's service name and port; its own variables must be used there.
  const port = env.PORT ?? '8080';
  if (!caddyfile.includes(`reverse_proxy ${appName}:${port}`)) problems.push(`Caddyfile does not proxy to ${appName}:${port}`);
  for (const [name, proxy] of proxies) {
    for (const v of Object.keys(envOf(proxy))) {
      if (!caddyfile.includes(`{$${v}}`)) problems.push(`${name}: environment ${v} is not used by the Caddyfile`);
    }
  }
  return problems;
}

const REQUIRED_SERVICE_SETTINGS: [string, string][] = [
  ['Restart', 'always'],
  ['ProtectSystem', 'strict'],
  ['ProtectHome', 'yes'],
  ['PrivateTmp', 'yes'],
  ['NoNewPrivileges', 'yes'],
];

export function unitProblems(text: string, known: readonly string[]): string[] {
  const problems: string[] = [];
  const unit = parseUnit(text);
  const env = environment(unit);
  for (const [name] of env) if (!known.includes(name)) problems.push(`Environment ${name} is not a config.ts variable`);
  for (const [key, value] of REQUIRED_SERVICE_SETTINGS) {
    if (!settings(unit, 'Service', key).includes(value)) problems.push(`[Service] lacks ${key}=${value}`);
  }
  const user = settings(unit, 'Service', 'User').at(-1);
  const dynamic = settings(unit, 'Service', 'DynamicUser').includes('yes');
  if (!dynamic && (!user || ROOT_USERS.has(user))) problems.push('runs as root: set User= or DynamicUser=yes');
  if (settings(unit, 'Service', 'MemoryMax').length === 0) problems.push('[Service] lacks MemoryMax');

  // Writable: the data directory only.
  const database = env.find(([k]) => k === 'DATABASE_URL')?.[1] ?? '';
  const dataDir = database.startsWith('file:') ? database.slice('file:'.length).replace(/\/[^/]+$/, '') : undefined;
  const writable = settings(unit, 'Service', 'ReadWritePaths').flatMap((v) => v.split(/\s+/));
  if (dataDir && writable.join() !== dataDir)
    problems.push(`ReadWritePaths is ${writable.join(' ') || 'unset'}, not ${dataDir} alone`);

  // The key from elsewhere: a systemd credential (or an EnvironmentFile), never in the data directory.
  const keyFile = env.find(([k]) => k === 'SWITCHBOARD_KEY_FILE')?.[1];
  const credentials = settings(unit, 'Service', 'LoadCredential');
  if (keyFile) {
    const viaCredential = keyFile.startsWith('%d/') && credentials.some((c) => c.startsWith(`${keyFile.slice(3)}:`));
    if (!viaCredential) problems.push('SWITCHBOARD_KEY_FILE is not a LoadCredential= credential (%d/…)');
    for (const c of credentials) {
      const source = c.split(':').slice(1).join(':');
      if (dataDir && source.startsWith(dataDir)) problems.push(`the key ${source} sits in the data directory`);
    }
  } else if (settings(unit, 'Service', 'EnvironmentFile').length === 0) {
    problems.push('no key: neither SWITCHBOARD_KEY_FILE nor an EnvironmentFile');
  }
  return problems;
}
