import { cellToParent, gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { requestBody } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';
// A driver at Lake St & Chicago Ave; one family two cells away, one across the river, one in St. Paul.
const DRIVER = { lat: 44.9483, lng: -93.2626 };
const NEAR = { lat: 44.9483, lng: -93.2466 };
const FAR = { lat: 44.9537, lng: -93.09 };

describe.each(DIALECTS)('open tasks near me on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordinator: string;
  let driver: string;
  const here = latLngToCell(DRIVER.lat, DRIVER.lng, 8);
  const ids: Record<string, string> = {};
  const list = (cookie: string | undefined, query: string) =>
    t.app.inject({ method: 'GET', url: `${BASE}/tasks?${query}`, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    driver = await signIn(t.app, f.accounts.driver.email);
    for (const [name, point] of Object.entries({ here: DRIVER, near: NEAR, far: FAR })) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${BASE}/requests`,
        headers: { cookie: coordinator },
        payload: requestBody(`${name} 1 Test Street`, { point }),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json().taskId;
    }
    // A typed address the gazetteer does not know has no area: it is near no one.
    const typed = await t.app.inject({
      method: 'POST',
      url: `${BASE}/requests`,
      headers: { cookie: coordinator },
      payload: requestBody('somewhere nobody mapped'),
    });
    ids.typed = typed.json().taskId;
  });
  afterAll(() => t.close());

  it('401 without a session, 403 for a member who may not list tasks', async () => {
    expect((await list(undefined, `near=${here}`)).statusCode).toBe(401);
    const responder = await signIn(t.app, f.accounts.responder.email);
    expect((await list(responder, `near=${here}`)).statusCode).toBe(403);
  });

  it('400 for a point-sized cell, a huge one, a bad ring count, or no cell at all', async () => {
    const fine = latLngToCell(DRIVER.lat, DRIVER.lng, 10);
    for (const q of [
      `near=${fine}`,
      `near=${cellToParent(here, 4)}`,
      `near=${here}&rings=9`,
      'near=lake-street',
      'near=88ff00000ffffff',
    ]) {
      const res = await list(driver, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('validation_failed');
    }
  });

  it('lists the tasks in the driver’s area and the rings around it, coarse area only', async () => {
    expect(gridDisk(here, 2)).toContain(latLngToCell(NEAR.lat, NEAR.lng, 8));
    const res = await list(driver, `status=open&near=${here}`);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json().tasks.map((x: { id: string }) => x.id);
    expect(got.sort()).toEqual([ids.here, ids.near].sort());
    expect(res.body).not.toContain('Test Street');
    expect(res.json().tasks[0].area.cell).toMatch(/^[0-9a-f]{15}$/);
    // Ring 0: the driver's own cell only; a coarser area (resolution 7) covers its children and rings.
    expect((await list(driver, `status=open&near=${here}&rings=0`)).json().tasks.map((x: { id: string }) => x.id)).toEqual([
      ids.here,
    ]);
    const wide = (await list(driver, `status=open&near=${cellToParent(here, 7)}`)).json().tasks.map((x: { id: string }) => x.id);
    expect(wide).toContain(ids.here);
    expect(wide).not.toContain(ids.far);
    // Without `near`, every task as before (the typed address included).
    const all = (await list(driver, 'status=open')).json().tasks.map((x: { id: string }) => x.id);
    expect(all).toEqual(expect.arrayContaining([ids.here, ids.near, ids.far, ids.typed]));
  });

  it('drops a task from "near me" once it is claimed, when the driver asks for open ones', async () => {
    const claimed = await t.app.inject({
      method: 'POST',
      url: `${BASE}/tasks/${ids.near}/claim`,
      headers: { cookie: coordinator },
      payload: { organizationId: f.orgA },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const res = await list(driver, `status=open&near=${here}`);
    expect(res.json().tasks.map((x: { id: string }) => x.id)).toEqual([ids.here]);
  });
});
