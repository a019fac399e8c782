import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ERROR_MESSAGES, LANGUAGES } from '@switchboard/shared';
import { latLngToCell } from 'h3-js';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushServiceDouble, type PushServiceDouble } from '../../../test/doubles/web-push.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, type TestApp } from '../../../test/harness/test-app.ts';
import { systemResolveHost } from '../../platform/net/resolve-host.ts';
import { ChannelError, channelsOf } from '../notify/index.ts';

const LAKE = latLngToCell(44.9486, -93.2526, 7);
const KEYS = { p256dh: 'BPz'.padEnd(87, 'A'), auth: 'c2VjcmV0c2VjcmV0c2VjcmV0' };
const PUBLIC_IP = '93.184.215.14';

/** A DNS the test controls; names it does not know go to the system resolver (localhost from /etc/hosts). */
const dns = new Map<string, string[]>();
const resolveHost = async (host: string) => dns.get(host) ?? systemResolveHost(host);

/** A TCP listener on 127.0.0.1 that counts connections: proof that a refused push never connected. */
async function connectionCounter(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((socket) => {
    n++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DIALECTS)('push endpoints a subscriber may give, on %s', (dialect) => {
  const apps: TestApp[] = [];
  const app = async (env: Record<string, string> = {}) => {
    const t = await createTestApp(dialect, { env: { PUBLIC_URL: 'https://switchboard.example.org', ...env }, resolveHost });
    await seedFixture(t.deps);
    t.deps.config = { ...t.deps.config, vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:alerts@example.org' } };
    apps.push(t);
    return t;
  };
  const subscribe = (t: TestApp, endpoint: string, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/alert-subscriptions',
      headers: { 'accept-language': lang },
      payload: { channel: 'push', push: { endpoint, keys: KEYS }, cells: [LAKE], language: 'en' },
    });
  const subscriptionCount = async (t: TestApp) =>
    (await t.deps.database.db.selectFrom('alert_subscriptions').select('id').execute()).length;

  let anyHost: TestApp;
  let defaults: TestApp;
  beforeAll(async () => {
    dns.set('fcm.googleapis.com', ['142.250.74.106']);
    dns.set('web.push.apple.com', ['17.188.128.1']);
    dns.set('wns2-by3p.notify.windows.com', ['20.42.65.85']);
    dns.set('updates.push.services.mozilla.com', ['34.117.65.55']);
    dns.set('intranet.example.net', ['10.1.2.3']);
    dns.set('metadata.example.net', ['169.254.169.254']);
    dns.set('mixed.example.net', [PUBLIC_IP, '127.0.0.1']);
    dns.set('v6-internal.example.net', ['fd00::5']);
    dns.set('public.example.net', [PUBLIC_IP]);
    anyHost = await app({ PUSH_ALLOWED_HOSTS: '*' });
    defaults = await app();
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it.each([
    'https://127.0.0.1/push/a',
    'https://127.1.2.3:8443/push/a',
    'https://10.0.0.1/push/a',
    'https://172.16.5.4/push/a',
    'https://192.168.0.10/push/a',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.1.1/push/a',
    'https://0.0.0.0/push/a',
    'https://224.0.0.1/push/a',
    'https://255.255.255.255/push/a',
    'https://[::1]/push/a',
    'https://[fc00::1]/push/a',
    'https://[fd12::1]/push/a',
    'https://[fe80::1]/push/a',
    'https://[::ffff:127.0.0.1]/push/a',
    'https://[::ffff:10.0.0.1]/push/a',
    'https://[::ffff:169.254.169.254]/push/a',
    'https://localhost/push/a',
    'https://intranet.example.net/push/a',
    'https://metadata.example.net/push/a',
    'https://mixed.example.net/push/a',
    'https://v6-internal.example.net/push/a',
    'https://unknown.invalid/push/a',
    'http://public.example.net/push/a',
    'ftp://public.example.net/push/a',
  ])('refuses %s at subscribe, with its own code, even with no allow-list', async (endpoint) => {
    const res = await subscribe(anyHost, endpoint);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('push_endpoint_refused');
    expect(await subscriptionCount(anyHost)).toBe(0);
  });

  it('says why in every language', async () => {
    for (const lang of LANGUAGES) {
      const res = await subscribe(anyHost, 'https://10.0.0.1/push/a', lang);
      expect(res.json().error).toMatchObject({
        code: 'push_endpoint_refused',
        message: ERROR_MESSAGES[lang].push_endpoint_refused,
      });
    }
  });

  it('accepts a host with public addresses when no allow-list is set', async () => {
    expect((await subscribe(anyHost, 'https://public.example.net/push/a')).statusCode).toBe(201);
  });

  it("by default accepts the browsers' push services and nothing else", async () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc',
      'https://updates.push.services.mozilla.com/wpush/v2/abc',
      'https://web.push.apple.com/QAbc',
      'https://wns2-by3p.notify.windows.com/w/?token=abc',
    ])
      expect((await subscribe(defaults, endpoint)).statusCode, endpoint).toBe(201);
    for (const endpoint of [
      'https://public.example.net/push/a',
      'https://push.apple.com.public.example.net/push/a',
      'https://evilpush.apple.com/push/a',
      'https://fcm.googleapis.com.public.example.net/push/a',
    ]) {
      const res = await subscribe(defaults, endpoint);
      expect(res.statusCode, endpoint).toBe(400);
      expect(res.json().error.code).toBe('push_endpoint_refused');
    }
  });

  it('the loopback test setting does nothing unless NODE_ENV=test', async () => {
    const t = await app({ PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1' });
    expect(t.deps.config.pushEndpoints).toMatchObject({ allowLoopback: false, loopbackIgnored: true });
    expect((await subscribe(t, 'http://127.0.0.1:9/push/a')).json().error.code).toBe('push_endpoint_refused');
    expect((await subscribe(t, 'https://127.0.0.1:9/push/a')).json().error.code).toBe('push_endpoint_refused');
    // Even under NODE_ENV=test it opens loopback only, not private networks.
    const testing = await app({ PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1', NODE_ENV: 'test' });
    expect((await subscribe(testing, 'http://127.0.0.1:9/push/a')).statusCode).toBe(201);
    expect((await subscribe(testing, 'https://10.0.0.1/push/a')).json().error.code).toBe('push_endpoint_refused');
  });

  it('checks again at send time: an endpoint whose DNS now points inside is refused and never connected to', async () => {
    const t = await app({ PUSH_ALLOWED_HOSTS: 'rebind.example.net' });
    const listener = await connectionCounter();
    try {
      const endpoint = `https://rebind.example.net:${listener.port}/push/a`;
      dns.set('rebind.example.net', [PUBLIC_IP]);
      expect((await subscribe(t, endpoint)).statusCode).toBe(201);
      const push = channelsOf(t.deps).push!;
      // Real keys, so nothing but the address check stands between this send and a connection.
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
      for (const inside of [['127.0.0.1'], ['10.0.0.7'], ['::1'], [PUBLIC_IP, '127.0.0.1']]) {
        dns.set('rebind.example.net', inside);
        const err = await push.send({ to: JSON.stringify({ endpoint, keys }), text: 'x' }).catch((e) => e);
        expect(err, inside.join()).toBeInstanceOf(ChannelError);
        expect(err).toMatchObject({ kind: 'permanent', message: 'web-push: endpoint refused (address_not_public)' });
      }
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });
});

describe('the push connection goes to the address that was checked', () => {
  let push: PushServiceDouble;
  beforeAll(async () => {
    push = await startPushServiceDouble({ hostname: 'pinned.push.test' });
  });
  afterAll(() => push.close());

  it('connects to what the injected resolver answered (a name the system cannot resolve), Host still the name', async () => {
    const t = await createTestApp('sqlite', {
      env: { PUSH_ALLOWED_HOSTS: 'pinned.push.test', PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1', NODE_ENV: 'test' },
      resolveHost: async (host) => (host === 'pinned.push.test' ? ['127.0.0.1'] : []),
    });
    try {
      t.deps.config = { ...t.deps.config, vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:alerts@example.org' } };
      const { id, subscription } = push.subscribe();
      const endpoint = subscription.endpoint;
      expect(new URL(endpoint).hostname).toBe('pinned.push.test');
      await channelsOf(t.deps).push!.send({
        to: JSON.stringify(subscription),
        text: 'hello',
        push: { title: 't', body: 'hello', url: '' },
      });
      expect(push.refused).toEqual([]);
      expect(push.received.map((p) => [p.subscriptionId, JSON.parse(p.payload).body])).toEqual([[id, 'hello']]);
      expect(push.received[0].headers.host).toBe(new URL(endpoint).host);
    } finally {
      await t.close();
    }
  });
});
