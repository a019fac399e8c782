import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to (A and AAAA). Tests inject a fixed table in its place. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), as Node's own connections use it. */
export const systemResolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
