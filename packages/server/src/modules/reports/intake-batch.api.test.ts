import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import { setSqliteDurability, sqliteDurability } from './intake-durability.ts';
import { submitReport } from './intake-door.ts';
import type { IntakeInput } from './intake.service.ts';

type Input = Omit<IntakeInput, 'trusted'> & { networkSlug: string };

// Lake Street & Bloomington Ave, a point ~200 m away, and one ~3 km away.
const LAKE = { lat: 44.9486, lng: -93.2526 };
const NEAR = { lat: 44.95, lng: -93.251 };
const FAR = { lat: 44.976, lng: -93.2526 };

/**
 * A group commit writes many reports in one transaction with a few set-wide queries. It
 * must come out exactly as if they had been written one by one, in arrival order.
 */
describe.each(DIALECTS)('intake group commit on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const events: BusEvent[] = [];
  const input = (report: IntakeInput['report'], extra: Partial<Input> = {}): Input => ({
    networkSlug: 'alpha',
    report,
    source: 'api',
    language: 'en',
    ...extra,
  });
  const incidentOf = (receiptCode: string) =>
    t.deps.database.db
      .selectFrom('reports')
      .innerJoin('incidents', 'incidents.id', 'reports.incident_id')
      .select(['incidents.id', 'incidents.report_count', 'incidents.version'])
      .where('reports.receipt_code', '=', receiptCode)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    t.deps.events.subscribe(f.networkId, (e) => events.push(e));
    // Warm the network lookup so the reports below reach the batcher in one turn: one batch.
    await submitReport(t.deps, input({ category: 'other', description: 'warm-up' }));
  });
  afterAll(() => t.close());

  it('clusters reports of one batch as one-by-one writes would, and replays keys within it and from before', async () => {
    const earlier = await submitReport(
      t.deps,
      input({ category: 'checkpoint', point: FAR }, { idempotencyKey: 'stored-before-1' }),
    );
    await new Promise((r) => setTimeout(r, 50));
    events.length = 0;
    const receipts = await Promise.all([
      submitReport(t.deps, input({ category: 'home_raid', point: LAKE, description: 'first' })),
      submitReport(
        t.deps,
        input({ category: 'home_raid', point: NEAR, description: 'second' }, { idempotencyKey: 'in-batch-key-1' }),
      ),
      submitReport(
        t.deps,
        input({ category: 'home_raid', point: LAKE, description: 'third' }, { idempotencyKey: 'in-batch-key-1' }),
      ),
      submitReport(
        t.deps,
        input(
          { category: 'checkpoint', point: FAR, description: 'joins the earlier one' },
          { idempotencyKey: 'stored-before-1' },
        ),
      ),
      submitReport(t.deps, input({ category: 'home_raid', point: FAR, description: 'joins the earlier far one' })),
      submitReport(t.deps, input({ category: 'other', description: 'no point: its own incident' })),
      submitReport(t.deps, input({ category: 'home_raid', point: LAKE, description: 'fourth' })),
    ]);
    const [first, second, third, replayedEarlier, far, pointless, fourth] = receipts;
    expect(receipts.map((r) => r.created)).toEqual([true, true, false, false, true, true, true]);
    expect(third.receiptCode).toBe(second.receiptCode);
    expect(replayedEarlier.receiptCode).toBe(earlier.receiptCode);

    // Lake, near and the fourth: one new incident of three reports, written in its final state.
    const lake = await incidentOf(first.receiptCode);
    expect(await incidentOf(second.receiptCode)).toEqual(lake);
    expect(await incidentOf(fourth.receiptCode)).toEqual(lake);
    expect(Number(lake.report_count)).toBe(3);
    expect(Number(lake.version)).toBe(3);
    // The far one joins the incident of the report stored before the batch; its version moves by one.
    const farIncident = await incidentOf(far.receiptCode);
    expect(farIncident.id).toBe((await incidentOf(earlier.receiptCode)).id);
    expect(Number(farIncident.report_count)).toBe(2);
    expect(Number(farIncident.version)).toBe(2);
    expect((await incidentOf(pointless.receiptCode)).id).not.toBe(lake.id);

    const timeline = await t.deps.database.db
      .selectFrom('incident_events')
      .select('id')
      .where('incident_id', '=', lake.id)
      .where('kind', '=', 'report_added')
      .execute();
    expect(timeline).toHaveLength(3);
    const stored = await t.deps.database.db
      .selectFrom('reports')
      .select('id')
      .where('idempotency_key', '=', 'in-batch-key-1')
      .execute();
    expect(stored).toHaveLength(1);

    // Events: one per new report, in arrival order; one update per incident, in its final
    // state, right after the last report it took in the batch.
    await new Promise((r) => setTimeout(r, 50));
    const updated = (id: string) => ({ type: 'incident.updated', id });
    expect(events.map((e) => (e.type === 'incident.updated' ? updated((e.data.incident as { id: string }).id) : e.type))).toEqual(
      [
        'report.created',
        'report.created',
        'report.created',
        updated(farIncident.id),
        'report.created',
        updated((await incidentOf(pointless.receiptCode)).id),
        'report.created',
        updated(lake.id),
      ],
    );
    const lakeUpdate = events.find((e) => e.type === 'incident.updated' && e.data.incident.id === lake.id);
    expect(lakeUpdate?.type === 'incident.updated' && lakeUpdate.data.incident).toMatchObject({ reportCount: 3, version: 3 });
  });

  it('writes the rest of a batch when one report in it cannot be written', async () => {
    const results = await Promise.allSettled([
      submitReport(t.deps, input({ category: 'checkpoint', point: LAKE, description: 'fine one' })),
      // Past validation no route would let this through: the database refuses a report without a category.
      submitReport(t.deps, input({ category: null as unknown as 'other', point: LAKE, description: 'broken' })),
      submitReport(t.deps, input({ category: 'checkpoint', point: LAKE, description: 'fine two' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // What a report says is sealed at rest: open every one to find these.
    const rows = await t.deps.database.db.selectFrom('reports').select('description_enc').execute();
    const said = rows.flatMap((r) => (r.description_enc ? [t.deps.keyring.decrypt('report', r.description_enc)] : []));
    expect(said.filter((d) => ['fine one', 'fine two', 'broken'].includes(d)).sort()).toEqual(['fine one', 'fine two']);
  });
});

// SQLite only by nature: it swaps SQLite's deferred log sync (PostgreSQL syncs inside its own commit).
describe('intake acknowledgement on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('answers a report, and publishes it, only once its commit is on disk', async () => {
    const sqlite = t.deps.database.sqlite!;
    const real = sqliteDurability(sqlite);
    expect(real.deferred).toBe(true);
    let release!: () => void;
    let syncs = 0;
    setSqliteDurability(sqlite, {
      ...real,
      afterCommit: () => {
        syncs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const seen: BusEvent[] = [];
    const network = await t.deps.database.db
      .selectFrom('networks')
      .select('id')
      .where('slug', '=', 'alpha')
      .executeTakeFirstOrThrow();
    t.deps.events.subscribe(network.id, (e) => seen.push(e));
    try {
      let answered = false;
      const pending = t.app
        .inject({ method: 'POST', url: '/api/v1/networks/alpha/reports', payload: { category: 'checkpoint', point: LAKE } })
        .then((res) => {
          answered = true;
          return res;
        });
      while (syncs === 0) await new Promise((r) => setTimeout(r, 5));
      // Committed (visible to this connection), but the log is not yet synced: no answer, no event.
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      expect(seen).toEqual([]);
      release();
      const res = await pending;
      expect(res.statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 20));
      expect(seen.map((e) => e.type)).toEqual(['report.created', 'incident.updated']);
    } finally {
      setSqliteDurability(sqlite, real);
    }
  });

  it('refuses to acknowledge a report whose log sync failed', async () => {
    const sqlite = t.deps.database.sqlite!;
    const real = sqliteDurability(sqlite);
    setSqliteDurability(sqlite, { ...real, afterCommit: () => Promise.reject(new Error('EIO: sync failed')) });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/reports',
        payload: { category: 'checkpoint', point: LAKE },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal_error');
    } finally {
      setSqliteDurability(sqlite, real);
    }
  });
});
