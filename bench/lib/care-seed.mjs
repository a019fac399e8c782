// Care bench plumbing: a seeded random spot in a metro area about 60 km across, 50,000 sealed
// open tasks written through the care repository, and signing in over HTTP.
import { latLngToCell } from 'h3-js';
import { register } from 'tsx/esm/api';

register();
const repo = await import('../../packages/server/src/modules/care/care.repository.ts');
const { newId } = await import('../../packages/server/src/platform/ids.ts');
const { TEST_PASSWORD } = await import('../../packages/server/test/harness/test-app.ts');

const KINDS = ['groceries', 'baby_supplies', 'medicine_pickup', 'hygiene', 'household', 'hot_meals', 'other'];
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(11);
export const spot = () => ({ lat: 44.65 + rand() * 0.6, lng: -93.6 + rand() * 0.8 });
export const source = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** `count` accepted requests, each with its open task, in batches of 500 per transaction. */
export async function seed(deps, fixture, count) {
  const db = deps.database.db;
  const k = deps.keyring;
  const base = Date.now() - count * 1000;
  for (let i0 = 0; i0 < count; i0 += 500) {
    await db.transaction().execute(async (trx) => {
      for (let i = i0; i < Math.min(count, i0 + 500); i++) {
        const p = spot();
        const at = new Date(base + i * 1000).toISOString();
        const request = {
          id: newId(),
          network_id: fixture.networkId,
          origin: 'member',
          kind: KINDS[i % KINDS.length],
          items_enc: k.encrypt(
            'case',
            JSON.stringify([
              { name: 'Rice', quantity: 1 + (i % 5) },
              { name: 'Diapers, size 3', quantity: 2 },
            ]),
          ),
          contact_enc: k.encrypt('contact', `+1612555${String(i % 10000).padStart(4, '0')}`),
          address_enc: k.encrypt('address', `${i} Bench Street`),
          point_enc: k.encrypt('address', JSON.stringify(p)),
          area_cell: latLngToCell(p.lat, p.lng, 8),
          area_name: null,
          language: 'en',
          status: 'accepted',
          decline_reason_enc: null,
          merged_into: null,
          receipt_code: null,
          dedupe_hash: null,
          filed_by: fixture.accounts.admin.id,
          decided_by: fixture.accounts.admin.id,
          decided_at: at,
          created_at: at,
          updated_at: at,
        };
        await repo.insertRequest(trx, request);
        await repo.insertTask(trx, {
          id: newId(),
          network_id: fixture.networkId,
          request_id: request.id,
          status: 'open',
          version: 1,
          claimed_org_id: null,
          claimed_by: null,
          claimed_at: null,
          driver_account_id: null,
          assigned_at: null,
          picked_up_at: null,
          delivered_at: null,
          failed_at: null,
          failure_reason_enc: null,
          closed_at: null,
          created_at: at,
          updated_at: at,
        });
      }
    });
  }
}

export async function signInAt(base, email) {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': source() },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  return /sb_session=[^;]+/.exec(res.headers.get('set-cookie'))[0];
}
