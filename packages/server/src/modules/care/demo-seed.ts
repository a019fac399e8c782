import type { Deps } from '../../platform/context.ts';
import type { SensitiveSeed } from '../../platform/crypto/plain-columns.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './care.repository.ts';
import { hubsDemoSensitive, seedHubsDemo } from './hubs-demo-seed.ts';
import { newCareReceiptCode } from './receipt-code.ts';
import { ridesDemoTexts, seedRidesDemo } from './rides-demo-seed.ts';

/** What the care demo needs from the demo network. */
export interface CareDemoCast {
  networkId: string;
  /** Organization ids by key (the demo's church claims a delivery). */
  orgIds: Map<string, string>;
  /** Account ids by demo email key (coordinator, driver, …). */
  accountIds: Map<string, string>;
}

/** The demo's requests: made-up families, addresses and numbers; the cold-copy test looks for them on disk. */
const REQUESTS = [
  {
    key: 'public',
    kind: 'baby_supplies',
    items: [
      { name: 'Diapers size 3', quantity: 2 },
      { name: 'Infant formula', quantity: 1 },
    ],
    contact: '+1 612 555 0147',
    address: '2814 Bloomington Avenue, apartment 3B',
    areaCell: '8827526d6bfffff',
    areaName: 'Powderhorn',
    language: 'es',
  },
  {
    key: 'member',
    kind: 'groceries',
    items: [{ name: 'Rice, 10 lb bag', quantity: 1 }],
    contact: 'familia.herrera.demo@example.org',
    address: '3307 Chicago Avenue South, back door',
    areaCell: '8827526d6bfffff',
    areaName: 'Powderhorn',
    language: 'hmn',
  },
] as const;

/** The demo requests' contact and addresses: what the cold-copy test searches for. */
export function careDemoSensitive(): SensitiveSeed {
  return {
    texts: [
      ...REQUESTS.flatMap((r) => [
        { kind: 'address' as const, value: r.address },
        { kind: 'contact' as const, value: r.contact },
      ]),
      ...ridesDemoTexts(),
      ...hubsDemoSensitive().texts,
    ],
    points: [],
  };
}

/**
 * Demo data for the care module: one public request waiting in triage, and one filed by the
 * nonprofit's coordinator that St. Stephen's claimed and gave to Pa Driver (who can read its address).
 */
export async function seedCareDemo(deps: Deps, cast: CareDemoCast): Promise<void> {
  const db = deps.database.db;
  const { keyring } = deps;
  // Every care request is its address and contact, and those are only ever stored sealed:
  // `demo seed` run without a key (the CLI test does) seeds no care requests.
  if (keyring.sealed) return;
  const now = deps.clock.now().toISOString();
  let assignedTask: string | undefined;
  for (const r of REQUESTS) {
    const id = newId();
    const member = r.key === 'member';
    await repo.insertRequest(db, {
      id,
      network_id: cast.networkId,
      origin: member ? 'member' : 'public',
      kind: r.kind,
      items_enc: keyring.encrypt('case', JSON.stringify(r.items)),
      contact_enc: keyring.encrypt('contact', r.contact),
      address_enc: keyring.encrypt('address', r.address),
      point_enc: null,
      area_cell: r.areaCell,
      area_name: r.areaName,
      language: r.language,
      discreet: 0,
      status: member ? 'accepted' : 'new',
      decline_reason_enc: null,
      merged_into: null,
      receipt_code: member ? null : newCareReceiptCode(),
      dedupe_hash: null,
      filed_by: member ? (cast.accountIds.get('coordinator') ?? null) : null,
      decided_by: member ? (cast.accountIds.get('coordinator') ?? null) : null,
      decided_at: member ? now : null,
      created_at: now,
      updated_at: now,
    });
    if (!member) continue;
    assignedTask = newId();
    await repo.insertTask(db, {
      id: assignedTask,
      network_id: cast.networkId,
      request_id: id,
      status: 'assigned',
      version: 3,
      claimed_org_id: cast.orgIds.get('church') ?? null,
      claimed_by: null,
      claimed_at: now,
      driver_account_id: cast.accountIds.get('driver') ?? null,
      assigned_at: now,
      picked_up_at: null,
      delivered_at: null,
      failed_at: null,
      failure_reason_enc: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    });
  }
  await seedRidesDemo(deps, cast);
  await seedHubsDemo(deps, cast, assignedTask);
}
