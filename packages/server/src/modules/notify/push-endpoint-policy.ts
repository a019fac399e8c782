import { isIP } from 'node:net';
import { isPublicAddress } from '../../platform/net/public-address.ts';
import type { ResolveHost } from '../../platform/net/resolve-host.ts';

/**
 * Which push endpoints this server will POST to (config.pushEndpoints). A subscriber chooses
 * the URL, so without this an anonymous subscription could make the server call its own
 * network (server-side request forgery).
 */
export interface PushEndpointPolicy {
  /** Host names allowed ("*.push.apple.com" = any subdomain); null = any host with a public address. */
  allowedHosts: readonly string[] | null;
  /** Tests only (the local push double on 127.0.0.1 over http): loopback addresses and http are allowed. */
  allowLoopback: boolean;
}

/** Why an endpoint is refused (kept out of logs with the endpoint itself: it identifies a subscriber). */
export type PushEndpointRefusal = 'scheme' | 'host_not_allowed' | 'address_not_public' | 'unresolvable';

/** A refusal, as an error a channel or service can throw. */
export class PushEndpointRefused extends Error {
  constructor(readonly reason: PushEndpointRefusal) {
    super(`push endpoint refused: ${reason}`);
    this.name = 'PushEndpointRefused';
  }
}

const isLoopback = (ip: string) => /^127\./.test(ip) || ip === '::1' || /^::ffff:127\./i.test(ip);

/** Whether one resolved address may be connected to under this policy. */
export function addressAllowed(ip: string, policy: PushEndpointPolicy): boolean {
  return isPublicAddress(ip) || (policy.allowLoopback && isLoopback(ip));
}

/** Whether a host name is on the allow-list (exact, or a subdomain of a "*." entry). */
export function hostAllowed(hostname: string, policy: PushEndpointPolicy): boolean {
  if (!policy.allowedHosts) return true;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return policy.allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('*.') ? host.endsWith(e.slice(1)) && host.length > e.length - 1 : host === e;
  });
}

/** The host of a URL as a resolver or isIP wants it (IPv6 literals without brackets). */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Check an endpoint URL before subscribing or sending: https (http only for the test
 * double), on the allow-list, and every address its host resolves to public. Returns the
 * addresses, so the sender connects to exactly what was checked.
 */
export async function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy, resolve: ResolveHost): Promise<string[]> {
  const url = new URL(endpoint);
  const host = bareHost(url);
  const literal = isIP(host) !== 0;
  const loopbackTest = policy.allowLoopback && (literal ? isLoopback(host) : host === 'localhost');
  if (url.protocol !== 'https:' && !(policy.allowLoopback && url.protocol === 'http:')) throw new PushEndpointRefused('scheme');
  if (!loopbackTest && !hostAllowed(host, policy)) throw new PushEndpointRefused('host_not_allowed');
  let addresses: string[];
  try {
    addresses = literal ? [host] : await resolve(host);
  } catch {
    throw new PushEndpointRefused('unresolvable');
  }
  if (addresses.length === 0) throw new PushEndpointRefused('unresolvable');
  // Every address, not just one: a host answering both a public and a private address is refused.
  if (!addresses.every((a) => addressAllowed(a, policy))) throw new PushEndpointRefused('address_not_public');
  return addresses;
}
