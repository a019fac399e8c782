import type { OrgRole } from '@switchboard/shared';
import type { Deps } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { createAccount, findAccountByEmail } from '../modules/identity/index.ts';
import { seedPlacesDemo } from './demo-places.ts';
import { careDemoSensitive, seedCareDemo } from '../modules/care/index.ts';
import { fundsDemoSensitive, seedFundsDemo } from '../modules/funds/index.ts';
import { seedShiftsDemo, shiftsDemoSensitive } from '../modules/shifts/index.ts';
import { createNetwork, findNetworkBySlug, grantAdmin, insertMembership, insertOrganization } from '../modules/networks/index.ts';
import { seedTrainingDemo, trainingDemoSensitive } from '../modules/training/index.ts';
import type { SensitiveSeed } from '../platform/crypto/plain-columns.ts';

/** Every demo account uses this password; it is printed on the console. */
export const DEMO_PASSWORD = 'demo-password-2026';
/** The demo network's slug. */
export const DEMO_SLUG = 'twin-cities';
/** The demo network's hotline (a 555 number: fictional). */
export const DEMO_HOTLINE = '+16125550000';

const ORGANIZATIONS = [
  { key: 'union', name: 'SEIU Local 26', kind: 'formal', type: 'union' },
  { key: 'mosque', name: 'Masjid An-Nur', kind: 'formal', type: 'mosque' },
  { key: 'church', name: "St. Stephen's Church", kind: 'formal', type: 'church' },
  { key: 'nonprofit', name: 'Unidos Immigrant Rights Center', kind: 'formal', type: 'nonprofit' },
  { key: 'block', name: 'Powderhorn Block Group', kind: 'informal', type: 'block_group' },
] as const;

const PEOPLE: { email: string; name: string; language: string; org: (typeof ORGANIZATIONS)[number]['key']; roles: OrgRole[] }[] =
  [
    { email: 'coordinator', name: 'Rosa Coordinator', language: 'es', org: 'nonprofit', roles: ['org_coordinator'] },
    { email: 'dispatcher', name: 'Dana Dispatcher', language: 'en', org: 'nonprofit', roles: ['dispatcher'] },
    { email: 'responder', name: 'Abdi Responder', language: 'so', org: 'mosque', roles: ['responder'] },
    { email: 'legal-observer', name: 'Lee Observer', language: 'en', org: 'union', roles: ['legal_observer', 'responder'] },
    { email: 'watch', name: 'Fartun Watch', language: 'so', org: 'mosque', roles: ['watch_volunteer'] },
    { email: 'driver', name: 'Pa Driver', language: 'hmn', org: 'church', roles: ['driver'] },
    { email: 'case-worker', name: 'Maria Caseworker', language: 'es', org: 'nonprofit', roles: ['case_worker'] },
    { email: 'trainer', name: 'Tom Trainer', language: 'en', org: 'union', roles: ['trainer'] },
    { email: 'organizer', name: 'Omar Organizer', language: 'ar', org: 'block', roles: ['organizer'] },
    { email: 'researcher', name: 'Riley Researcher', language: 'en', org: 'block', roles: ['researcher'] },
    { email: 'union-coordinator', name: 'Sam Steward', language: 'en', org: 'union', roles: ['org_coordinator'] },
    { email: 'treasurer', name: 'Tess Treasurer', language: 'en', org: 'nonprofit', roles: ['treasurer'] },
  ];

/** Demo login: email and role, for the console. */
export interface DemoLogin {
  email: string;
  role: string;
  /** The interface language the account is set to. */
  language: string;
}

/** What the feature seeds (training's and shifts' demo-seed.ts) build on. */
export interface DemoIds {
  networkId: string;
  adminId: string;
  /** Organization ids by key: union, mosque, church, nonprofit, block. */
  orgIds: Map<string, string>;
  /** Account ids by the email's local part: coordinator, trainer, watch, … */
  accountIds: Map<string, string>;
}

const demoEmail = (local: string) => `${local}@demo.switchboard.local`;
const ADMIN_NAME = 'Alex Admin';

/**
 * Everything the demo seeds that a stopped disk must not show in the clear (people's names and
 * emails; the features' addresses, notes and points): the cold-copy test looks for each, so
 * data added to these seeds is looked for too.
 */
export function demoSensitiveValues(): SensitiveSeed {
  const people = [
    { email: demoEmail('admin'), name: ADMIN_NAME },
    ...PEOPLE.map((p) => ({ email: demoEmail(p.email), name: p.name })),
  ];
  const features = [shiftsDemoSensitive(), trainingDemoSensitive(), careDemoSensitive(), fundsDemoSensitive()];
  return {
    texts: [
      ...people.flatMap((p) => [
        { kind: 'email' as const, value: p.email },
        { kind: 'name' as const, value: p.name },
      ]),
      ...features.flatMap((f) => f.texts),
    ],
    points: features.flatMap((f) => f.points),
  };
}

/** Seed the demo network; does nothing (and returns the logins) if it already exists. */
export async function seedDemo(deps: Deps): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [
    { email: demoEmail('admin'), role: 'network admin', language: 'en' },
    ...PEOPLE.map((p) => ({
      email: demoEmail(p.email),
      language: p.language,
      role: `${p.roles.join(', ')} @ ${ORGANIZATIONS.find((o) => o.key === p.org)!.name}`,
    })),
  ];
  const db = deps.database.db;
  if (await findNetworkBySlug(db, DEMO_SLUG)) return logins;
  const now = deps.clock.now();
  const network = await createNetwork(deps, {
    slug: DEMO_SLUG,
    name: 'Twin Cities Rapid Response',
    timeZone: 'America/Chicago',
    // The demo shows the whole loop: a public alert page to subscribe on, and a hotline to call.
    settings: { rapidResponse: { publicAlertMap: true, hotlineNumber: DEMO_HOTLINE } },
  });
  const adminId =
    (await findAccountByEmail(db, deps.keyring, demoEmail('admin')))?.id ??
    (await createAccount(deps, {
      email: demoEmail('admin'),
      password: DEMO_PASSWORD,
      displayName: ADMIN_NAME,
      language: 'en',
    }));
  await grantAdmin(deps, { networkId: network.id, accountId: adminId, deploymentAdmin: true, via: 'demo_seed' });
  const orgIds = new Map<string, string>();
  for (const o of ORGANIZATIONS) {
    const id = newId();
    orgIds.set(o.key, id);
    await insertOrganization(db, {
      id,
      networkId: network.id,
      name: o.name,
      kind: o.kind,
      type: o.type,
      status: 'active',
      requestedBy: null,
      now,
    });
  }
  const accountIds = new Map<string, string>();
  for (const p of PEOPLE) {
    const accountId = await createAccount(deps, {
      email: demoEmail(p.email),
      password: DEMO_PASSWORD,
      displayName: p.name,
      language: p.language,
    });
    await insertMembership(db, {
      id: newId(),
      networkId: network.id,
      organizationId: orgIds.get(p.org)!,
      accountId,
      roles: p.roles,
      status: 'active',
      now,
    });
    accountIds.set(p.email, accountId);
  }
  const ids: DemoIds = { networkId: network.id, adminId, orgIds, accountIds };
  await seedPlacesDemo(deps, network.id);
  await seedTrainingDemo(deps, { ...ids, timeZone: network.timeZone });
  await seedShiftsDemo(deps, ids);
  await seedCareDemo(deps, ids);
  await seedFundsDemo(deps, ids);
  return logins;
}
