import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { IncidentT } from './api.ts';
import { applyIncidentSnapshot, incidentsKey, withIncident } from './incident-cache.ts';

let n = 0;
/** An incident as the server lists it; ids and times in order of creation. */
function incident(over: Partial<IncidentT> = {}): IncidentT {
  n += 1;
  const at = new Date(Date.UTC(2026, 11, 3, 12, n)).toISOString();
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    status: 'new',
    category: 'home_raid',
    locationText: 'Lake St & 27th Ave',
    point: { lat: 44.9486, lng: -93.2526 },
    area: '872a1072bffffff',
    placeName: null,
    areaName: null,
    reportCount: 1,
    trustedReports: 0,
    firstReportedAt: at,
    lastReportedAt: at,
    verifiedAt: null,
    verificationReason: null,
    lock: null,
    version: 1,
    ...over,
  };
}
const ids = (list: IncidentT[]) => list.map((i) => i.id);

describe('withIncident: a snapshot from the stream in the cached queue', () => {
  it('adds a new incident in the server’s order: needs a person first, then newest activity', () => {
    const verified = incident({ status: 'verified' });
    const older = incident();
    const list = [older, verified];
    const fresh = incident();
    expect(ids(withIncident(list, fresh, 'open'))).toEqual([fresh.id, older.id, verified.id]);
  });

  it('replaces an incident in place of its old state, and moves it when its status changes', () => {
    const a = incident();
    const b = incident();
    const list = withIncident([a], b, 'open');
    const bVerifying = { ...b, status: 'verifying' as const, version: 2 };
    expect(withIncident(list, bVerifying, 'open')).toEqual([a, bVerifying]);
    const aMoreReports = { ...a, reportCount: 3, lastReportedAt: new Date(Date.UTC(2026, 11, 3, 13)).toISOString(), version: 2 };
    expect(ids(withIncident(list, aMoreReports, 'open'))).toEqual([a.id, b.id]);
  });

  it('drops a closed incident from the open queue, and keeps it in the full list', () => {
    const a = incident();
    const b = incident();
    const resolved = { ...a, status: 'resolved' as const, version: 2 };
    expect(withIncident([b, a], resolved, 'open')).toEqual([b]);
    expect(withIncident([b, a], resolved, 'all')).toEqual([b, resolved]);
    const falseAlarm = incident({ status: 'false_alarm' });
    const open = [b];
    expect(withIncident(open, falseAlarm, 'open')).toBe(open);
  });

  it('ignores a snapshot older than the one listed', () => {
    const a = incident({ version: 5, status: 'verifying' });
    const list = [a];
    expect(withIncident(list, { ...a, version: 4, status: 'new' }, 'open')).toBe(list);
  });

  it('keeps the lock holder’s name when a snapshot leaves it out for the same holder', () => {
    const lock = { accountId: '0190a000-0000-7000-8000-00000000aaaa', displayName: 'Ana', expiresAt: '2026-12-03T13:00:00.000Z' };
    const a = incident({ lock });
    const nameless = { ...a, reportCount: 2, version: 2, lock: { ...lock, displayName: '' } };
    expect(withIncident([a], nameless, 'open')[0].lock).toEqual(lock);
    const other = { ...nameless, lock: { ...nameless.lock, accountId: '0190a000-0000-7000-8000-00000000bbbb' } };
    expect(withIncident([a], other, 'open')[0].lock?.displayName).toBe('');
  });

  it('keeps the 200 with the newest activity, as the server does', () => {
    const list = Array.from({ length: 200 }, () => incident({ status: 'verified' }));
    const fresh = incident({ status: 'verified' });
    const next = withIncident(list, fresh, 'open');
    expect(next).toHaveLength(200);
    expect(next[0].id).toBe(fresh.id);
    expect(ids(next)).not.toContain(list[0].id);
  });
});

describe('applyIncidentSnapshot', () => {
  it('updates the lists of that network in both scopes, leaves lists never read alone, and says when the name is missing', () => {
    const qc = new QueryClient();
    const a = incident();
    qc.setQueryData(incidentsKey('alpha', 'open'), { incidents: [a] });
    qc.setQueryData(incidentsKey('beta', 'open'), { incidents: [a] });
    const resolved = { ...a, status: 'resolved' as const, version: 2 };
    expect(applyIncidentSnapshot(qc, 'alpha', resolved)).toBe(true);
    expect(qc.getQueryData(incidentsKey('alpha', 'open'))).toEqual({ incidents: [] });
    expect(qc.getQueryData(incidentsKey('alpha', 'all'))).toBeUndefined();
    expect(qc.getQueryData(incidentsKey('beta', 'open'))).toEqual({ incidents: [a] });

    const locked = incident({ lock: { accountId: a.id, displayName: '', expiresAt: '2026-12-03T13:00:00.000Z' } });
    expect(applyIncidentSnapshot(qc, 'alpha', locked)).toBe(false);
  });
});
