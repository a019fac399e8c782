// The Dockerfile, compose.yaml, Caddyfile and systemd unit shipped for self-hosters. No Docker
// engine or systemd runs here, so this reads them: every variable they give Switchboard must be
// one config.ts reads (a typo would be silently ignored), the image runs as non-root and never
// holds the key, and only the TLS proxy is reachable from outside.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { composeProblems, dockerfileProblems, unitProblems } from './deploy-checks.ts';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const dockerfile = read('Dockerfile');
const dockerignore = read('.dockerignore');
const compose = read('compose.yaml');
const caddyfile = read('Caddyfile');
const unit = read('docs/deploy/switchboard.service');

describe('Dockerfile', () => {
  it('is multi-stage, runs node:24-slim as non-root with a health check and a volume, sets only config.ts variables, copies no key', () => {
    expect(dockerfileProblems(dockerfile, CONFIG_VARIABLES, dockerignore)).toEqual([]);
  });

  it('the check catches a root runtime, an unknown variable and a copied key', () => {
    const bad = `${dockerfile}\nENV GEOCODER_URLL=x\nCOPY secrets/switchboard.key /app/\nUSER root\n`;
    expect(dockerfileProblems(bad, CONFIG_VARIABLES, dockerignore)).toEqual([
      expect.stringContaining('ENV GEOCODER_URLL is not a config.ts variable'),
      expect.stringContaining('COPY secrets/switchboard.key could put a secret in the image'),
      'runtime stage runs as root',
    ]);
    const noUser = dockerfile.replace(/^USER .*$/m, '');
    expect(dockerfileProblems(noUser, CONFIG_VARIABLES, dockerignore)).toEqual([
      'runtime stage has no USER: it would run as root',
    ]);
    expect(dockerfileProblems(dockerfile, CONFIG_VARIABLES, '')).toContain('.dockerignore lacks *.key');
  });
});

describe('compose.yaml', () => {
  it('gives Switchboard only config.ts variables, the key as a secret, TRUST_PROXY=1, PostgreSQL; only Caddy publishes ports', () => {
    expect(composeProblems(parse(compose), CONFIG_VARIABLES, caddyfile)).toEqual([]);
  });

  it('the check catches an unknown variable, a published app port and a key given as a plain path', () => {
    const doc = parse(compose);
    doc.services.switchboard.environment.SWITCHBOARD_KEYFILE = '/keys/k';
    doc.services.switchboard.environment.SWITCHBOARD_KEY_FILE = '/data/switchboard.key';
    doc.services.switchboard.ports = ['8080:8080'];
    expect(composeProblems(doc, CONFIG_VARIABLES, caddyfile)).toEqual([
      'switchboard: environment SWITCHBOARD_KEYFILE is not a config.ts variable',
      "switchboard: SWITCHBOARD_KEY_FILE is not one of its secrets' mounts",
      'ports published by switchboard, caddy, not by Caddy alone',
    ]);
  });
});

describe('the systemd unit (docs/deploy/switchboard.service)', () => {
  it('restarts always, is sandboxed, writes only its data directory, reads the key as a credential, sets only config.ts variables', () => {
    expect(unitProblems(unit, CONFIG_VARIABLES)).toEqual([]);
  });

  it('the check catches a missing Restart, an unknown variable, a key in the data directory', () => {
    const bad = unit
      .replace('Restart=always', 'Restart=on-failure')
      .replace('Environment=PORT=8080', 'Environment=PORT=8080 "LISTEN_PORT=80"')
      .replace('/mnt/keys/switchboard.key', '/var/lib/switchboard/switchboard.key');
    expect(unitProblems(bad, CONFIG_VARIABLES)).toEqual([
      'Environment LISTEN_PORT is not a config.ts variable',
      '[Service] lacks Restart=always',
      'the key /var/lib/switchboard/switchboard.key sits in the data directory',
    ]);
  });

  it('is the unit the self-hosting guide shows', () => {
    const shown = read('docs/self-hosting.md').includes(unit.trim());
    expect(shown, 'docs/self-hosting.md must show docs/deploy/switchboard.service verbatim').toBe(true);
  });
});
