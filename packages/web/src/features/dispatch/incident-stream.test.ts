import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { StreamData } from '../../kit/stream/stream-validator.ts';
import type { IncidentT } from './api.ts';
import { incidentsKey } from './incident-cache.ts';
import { incidentStreamHandlers } from './incident-stream.ts';

const base: IncidentT = {
  id: '0190a000-0000-7000-8000-000000000001',
  status: 'new',
  category: 'home_raid',
  locationText: 'Lake St & 27th Ave',
  point: null,
  area: null,
  placeName: null,
  areaName: null,
  reportCount: 1,
  trustedReports: 0,
  firstReportedAt: '2026-12-03T12:00:00.000Z',
  lastReportedAt: '2026-12-03T12:00:00.000Z',
  verifiedAt: null,
  verificationReason: null,
  lock: null,
  version: 1,
};

/** A console's open queue, watched (so invalidation reads it again), served by `read`. */
function consoleWith(read: () => Promise<{ incidents: IncidentT[] }>) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let reads = 0;
  const observer = new QueryObserver(qc, {
    queryKey: incidentsKey('alpha', 'open'),
    queryFn: () => {
      reads += 1;
      return read();
    },
  });
  const stop = observer.subscribe(() => undefined);
  const list = () => qc.getQueryData<{ incidents: IncidentT[] }>(incidentsKey('alpha', 'open'))?.incidents;
  return { qc, list, reads: () => reads, stop, ...incidentStreamHandlers(qc, 'alpha') };
}
const updated = (incident: IncidentT) => (c: ReturnType<typeof consoleWith>) =>
  c.handlers['incident.updated']!({ incident } as StreamData<'incident.updated'>);

describe('the dispatcher stream over the query cache', () => {
  it('puts a snapshot into the queue without reading the list again', async () => {
    const c = consoleWith(async () => ({ incidents: [base] }));
    await expect.poll(c.list).toEqual([base]);
    const more = { ...base, reportCount: 2, version: 2 };
    updated(more)(c);
    expect(c.list()).toEqual([more]);
    expect(c.reads()).toBe(1);
    c.stop();
  });

  it('on (re)connect reads the list again, and keeps what the stream said meanwhile when it is newer', async () => {
    let answer: (v: { incidents: IncidentT[] }) => void = () => undefined;
    let first = true;
    const c = consoleWith(() =>
      first ? ((first = false), Promise.resolve({ incidents: [base] })) : new Promise((resolve) => (answer = resolve)),
    );
    await expect.poll(c.list).toEqual([base]);
    const catchUp = c.onConnect();
    // While the read is on its way the incident is verified; the read answers with what it saw before.
    const verifying = { ...base, status: 'verifying' as const, version: 3 };
    updated(verifying)(c);
    const other = { ...base, id: '0190a000-0000-7000-8000-000000000002', version: 1 };
    answer({ incidents: [{ ...base, version: 2 }, other] });
    await catchUp;
    expect(c.reads()).toBe(2);
    expect(c.list()).toEqual([other, verifying]);
    c.stop();
  });

  it('reads the list again when a snapshot’s lock comes without its holder’s name', async () => {
    const c = consoleWith(async () => ({ incidents: [base] }));
    await expect.poll(c.list).toEqual([base]);
    const lock = { accountId: '0190a000-0000-7000-8000-00000000aaaa', displayName: '', expiresAt: '2026-12-03T13:00:00.000Z' };
    updated({ ...base, version: 2, lock })(c);
    await expect.poll(c.reads).toBe(2);
    c.stop();
  });
});
