import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test/harness/dialects.ts';
import { buildApp } from './app.ts';
import { runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { initPassphrase } from './platform/crypto/key-binding.ts';
import { closeDeps, createDeps } from './bootstrap.ts';
import { Keyring, readKeyFile } from './platform/crypto/keyring.ts';
import { reencryptAll } from './platform/crypto/rotation.ts';
import { encryptedColumns, sealPlaintextAll } from './modules.ts';
import { findAccountByEmail } from './modules/identity/index.ts';
import { newId } from './platform/ids.ts';

describe.each(DIALECTS)('switchboard CLI on %s', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  const config = (extra: Record<string, string> = {}) => loadConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent', ...extra });
  const quiet = () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    return out;
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keys init writes a key file once, and the server refuses a different key for the same database', async () => {
    quiet();
    const first = join(dir, 'a.key');
    const second = join(dir, 'b.key');
    expect(await runCli(['keys', 'init', '--file', first], config())).toBe(0);
    await expect(runCli(['keys', 'init', '--file', first], config())).rejects.toThrow();
    expect(await runCli(['keys', 'init', '--file', second], config())).toBe(0);
    const deps = await createDeps(config({ SWITCHBOARD_KEY_FILE: first }));
    await closeDeps(deps);
    await expect(createDeps(config({ SWITCHBOARD_KEY_FILE: second }))).rejects.toThrow(
      /not the key this database was created with/,
    );
  });

  it('admin create makes the network and an admin who can sign in', async () => {
    const out = quiet();
    expect(
      await runCli(
        ['admin', 'create', '--email', 'Boss@Example.org', '--network', 'south-side', '--password', 'a long admin password'],
        config(),
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('boss@example.org');
    const deps = await createDeps(config());
    deps.keyring.load(Buffer.alloc(32, 7));
    const app = await buildApp(deps, { logger: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'boss@example.org', password: 'a long admin password' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isDeploymentAdmin: true, networks: [{ slug: 'south-side', isAdmin: true }] });
    await app.close();
    await closeDeps(deps);
    expect(await runCli(['admin', 'create', '--email', 'x@example.org'], config())).toBe(2);

    // Every grant is in the audit log, with no actor and "via cli"; granting again adds nothing.
    const account = await t.database.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', 'boss@example.org')
      .executeTakeFirstOrThrow();
    const network = await t.database.db
      .selectFrom('networks')
      .select('id')
      .where('slug', '=', 'south-side')
      .executeTakeFirstOrThrow();
    const entries = async () =>
      (
        await t.database.db
          .selectFrom('audit_log')
          .select(['action', 'network_id', 'actor_id', 'target_id', 'detail'])
          .orderBy('seq')
          .execute()
      ).map((e) => ({ ...e, detail: JSON.parse(e.detail) }));
    expect(await entries()).toEqual([
      { action: 'network.create', network_id: network.id, actor_id: null, target_id: network.id, detail: { slug: 'south-side' } },
      {
        action: 'account.deployment_admin.grant',
        network_id: null,
        actor_id: null,
        target_id: account.id,
        detail: { via: 'cli' },
      },
      { action: 'network.admin.add', network_id: network.id, actor_id: null, target_id: account.id, detail: { via: 'cli' } },
    ]);
    expect(await runCli(['admin', 'create', '--email', 'boss@example.org', '--network', 'south-side'], config())).toBe(0);
    expect(await entries()).toHaveLength(3);
    // An existing account made admin of a second network: only that grant is new.
    expect(await runCli(['admin', 'create', '--email', 'boss@example.org', '--network', 'north-side'], config())).toBe(0);
    expect((await entries()).slice(3).map((e) => e.action)).toEqual(['network.create', 'network.admin.add']);
    expect(await runCli(['audit', 'verify'], config())).toBe(0);
    expect(out.join('\n')).toContain('Audit log intact: 5 entries.');
  });

  it('audit verify with the key catches a cut tail the plain head hides, from the database or the export file; sealed, it says so', async () => {
    const out = quiet();
    const keyFile = join(dir, 'master.key');
    const exportFile = join(dir, 'checkpoints.jsonl');
    expect(await runCli(['keys', 'init', '--file', keyFile], config())).toBe(0);
    const keyed = config({ SWITCHBOARD_KEY_FILE: keyFile, SWITCHBOARD_AUDIT_EXPORT_FILE: exportFile });
    // Each CLI run signs the head as it closes (five entries: the network, accounts and grants).
    expect(await runCli(['admin', 'create', '--email', 'a@example.org', '--network', 'south-side'], keyed)).toBe(0);
    expect(await runCli(['admin', 'create', '--email', 'b@example.org', '--network', 'south-side'], keyed)).toBe(0);
    expect(await runCli(['audit', 'verify'], keyed)).toBe(0);
    expect(out.join('\n')).toMatch(/Newest signed checkpoint: entry 5 at .*; 0 newer entries not yet signed/);

    // Someone with the database only: delete the newest two entries, point the plain head at the new last one.
    const db = t.database.db;
    await db.deleteFrom('audit_log').where('seq', '>', 3).execute();
    const kept = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('system_state')
      .set({ value: `${kept.seq}:${kept.hash}` })
      .where('key', '=', 'audit_head')
      .execute();
    out.length = 0;
    expect(await runCli(['audit', 'verify'], config())).toBe(0);
    expect(out.join('\n')).toContain('Signed checkpoints NOT checked: sealed');
    out.length = 0;
    expect(await runCli(['audit', 'verify'], keyed)).toBe(1);
    expect(out.join('\n')).toContain('Audit log BROKEN at entry 4: entries missing at the end (database).');
    // The database's checkpoint deleted too: the file on the other mount still tells.
    await db.deleteFrom('system_state').where('key', '=', 'audit_checkpoint').execute();
    out.length = 0;
    expect(await runCli(['audit', 'verify'], keyed)).toBe(1);
    expect(out.join('\n')).toMatch(/BROKEN at entry 4: entries missing at the end \(export file line \d\)/);
  });

  it('purge deletes audit entries past the shortest audit retention and audit verify still passes', async () => {
    const out = quiet();
    expect(
      await runCli(
        ['admin', 'create', '--email', 'boss@example.org', '--network', 'south-side', '--password', 'a long admin password'],
        config(),
      ),
    ).toBe(0);
    const { appendAudit } = await import('./platform/audit/audit.ts');
    const { db } = t.database;
    const network = await db.selectFrom('networks').select(['id', 'settings']).executeTakeFirstOrThrow();
    const settings = JSON.parse(network.settings);
    await db
      .updateTable('networks')
      .set({ settings: JSON.stringify({ ...settings, retention: { ...settings.retention, auditDays: 30 } }) })
      .execute();
    // Age the whole log to 40 days: the three admin entries and three more.
    const old = new Date(Date.now() - 40 * 86_400_000);
    for (let i = 0; i < 3; i++) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, dialect, old, {
          networkId: network.id,
          actorId: null,
          action: 'test.old',
          targetType: 'thing',
          targetId: null,
        }),
      );
    }
    await db.updateTable('audit_log').set({ created_at: old.toISOString() }).where('seq', '<=', 3).execute();
    // Editing created_at broke those three entries' hashes; re-chain them as if written then.
    const { entryHash, GENESIS_HASH } = await import('./platform/audit/audit-chain.ts');
    let prev = GENESIS_HASH;
    for (const r of await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) {
      const hash = entryHash({
        seq: r.seq,
        networkId: r.network_id,
        actorId: r.actor_id,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        detail: r.detail,
        createdAt: new Date(r.created_at).toISOString(),
        prevHash: prev,
      });
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
    await db
      .updateTable('system_state')
      .set({ value: `6:${prev}` })
      .where('key', '=', 'audit_head')
      .execute();
    expect(await runCli(['audit', 'verify'], config())).toBe(0);

    expect(await runCli(['purge'], config())).toBe(0);
    expect(out.join('\n')).toContain('Deleted 6 audit log entries');
    const kept = await db.selectFrom('audit_log').select(['seq', 'action']).orderBy('seq').execute();
    expect(kept).toEqual([{ seq: 7, action: 'audit.purge' }]);
    expect(await runCli(['audit', 'verify'], config())).toBe(0);
    expect(out.join('\n')).toContain('Audit log intact: 1 entries.');
    // A second purge finds nothing old and keeps the chain intact.
    expect(await runCli(['purge'], config())).toBe(0);
    expect(await runCli(['audit', 'verify'], config())).toBe(0);
  });

  it('demo seed creates twin-cities with organizations and people in every role; audit verify passes, then catches an edit', async () => {
    const out = quiet();
    expect(await runCli(['demo', 'seed'], config())).toBe(0);
    const printed = out.join('\n');
    expect(printed).toContain('dispatcher@demo.switchboard.local');
    // The public pages and the console, and each login's interface language.
    for (const path of ['/r/twin-cities', '/n/twin-cities/alerts', '/n/twin-cities/dispatch'])
      expect(printed).toContain(`http://localhost:8080${path}`);
    expect(printed).toMatch(/organizer@demo\.switchboard\.local\s+ar\s+organizer @ Powderhorn Block Group/);
    expect(printed).toMatch(/responder@demo\.switchboard\.local\s+so\s/);
    // `demo seed` serves nothing, so it has no demo outbox to point at.
    expect(printed).not.toContain('demo-outbox');
    const db = t.database.db;
    const orgs = await db.selectFrom('organizations').select(['name', 'type', 'kind']).execute();
    expect(orgs.map((o) => o.type).sort()).toEqual(['block_group', 'church', 'mosque', 'nonprofit', 'union']);
    expect(orgs.find((o) => o.type === 'block_group')?.kind).toBe('informal');
    const roles = new Set(
      (await db.selectFrom('memberships').select('roles').execute()).flatMap((m) => JSON.parse(m.roles) as string[]),
    );
    for (const r of [
      'org_coordinator',
      'dispatcher',
      'responder',
      'legal_observer',
      'watch_volunteer',
      'driver',
      'case_worker',
      'trainer',
      'organizer',
      'researcher',
      'treasurer',
    ])
      expect(roles).toContain(r);

    // Make a few audit entries through the app, then tamper with one.
    const deps = await createDeps(config());
    deps.keyring.load(Buffer.alloc(32, 9));
    const app = await buildApp(deps, { logger: false });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@demo.switchboard.local', password: 'demo-password-2026' },
    });
    const cookie = `sb_session=${login.cookies[0].value}`;
    await app.inject({
      method: 'POST',
      url: '/api/v1/networks/twin-cities/organizations',
      headers: { cookie },
      payload: { name: 'Youth Collective', kind: 'informal', type: 'affinity_group' },
    });
    await app.inject({
      method: 'PATCH',
      url: '/api/v1/networks/twin-cities/settings',
      headers: { cookie },
      payload: { vouchesRequired: 2 },
    });
    await app.close();
    await closeDeps(deps);
    expect(await runCli(['audit', 'verify'], config())).toBe(0);
    await db
      .updateTable('audit_log')
      .set({ detail: '{"settings":"nothing to see"}' })
      .where('action', '=', 'network.settings.update')
      .execute();
    expect(await runCli(['audit', 'verify'], config())).toBe(1);
    const edited = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'network.settings.update')
      .executeTakeFirstOrThrow();
    expect(out.join('\n')).toContain(`BROKEN at entry ${edited.seq}: edited entry`);
  });

  it('keys rotate re-encrypts every field so the new key alone reads them', async () => {
    quiet();
    const oldKey = join(dir, 'old.key');
    const newKey = join(dir, 'new.key');
    await runCli(['keys', 'init', '--file', oldKey], config());
    await runCli(['demo', 'seed'], config({ SWITCHBOARD_KEY_FILE: oldKey }));
    const oldRing = new Keyring(readKeyFile(oldKey));
    await t.database.db
      .updateTable('accounts')
      .set({ phone_enc: oldRing.encrypt('contact', '+16125550199') })
      .execute();
    expect(await runCli(['keys', 'rotate', '--file', newKey], config({ SWITCHBOARD_KEY_FILE: oldKey }))).toBe(0);
    const newRing = new Keyring(readKeyFile(newKey));
    const phones = await t.database.db.selectFrom('accounts').select('phone_enc').execute();
    expect(phones.length).toBeGreaterThan(5);
    for (const p of phones) expect(newRing.decrypt('contact', p.phone_enc!)).toBe('+16125550199');
    // The database is now bound to the new key: the old one is refused.
    await expect(createDeps(config({ SWITCHBOARD_KEY_FILE: oldKey }))).rejects.toThrow();
  });

  it('keys seal moves plaintext written before encryption at rest into its sealed columns', async () => {
    quiet();
    const key = join(dir, 'seal.key');
    await runCli(['keys', 'init', '--file', key], config());
    await runCli(['demo', 'seed'], config({ SWITCHBOARD_KEY_FILE: key }));
    const network = await t.database.db.selectFrom('networks').select('id').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const id = newId();
    await t.database.db
      .insertInto('incidents')
      .values({
        id,
        network_id: network.id,
        status: 'new',
        category: 'staging',
        location_text: '77 Before Sealing Street',
        lat: 44.97,
        lng: -93.26,
        report_count: 0,
        trusted_reports: 0,
        first_reported_at: now,
        last_reported_at: now,
        coarsened: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    expect(await runCli(['keys', 'seal'], config({ SWITCHBOARD_KEY_FILE: key }))).toBe(0);
    const row = await t.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ring = new Keyring(readKeyFile(key));
    expect([row.location_text, row.lat, row.lng]).toEqual([null, null, null]);
    expect(ring.decrypt('address', row.location_text_enc!)).toBe('77 Before Sealing Street');
    expect(ring.decrypt('address', row.point_enc!)).toBe('44.97,-93.26');
  });

  it('rotates in the background when started with the previous key file', async () => {
    quiet();
    const oldKey = join(dir, 'old.key');
    const newKey = join(dir, 'new.key');
    await runCli(['keys', 'init', '--file', oldKey], config());
    await runCli(['keys', 'init', '--file', newKey], config());
    await runCli(['demo', 'seed'], config({ SWITCHBOARD_KEY_FILE: oldKey }));
    const oldRing = new Keyring(readKeyFile(oldKey));
    await t.database.db
      .updateTable('accounts')
      .set({ phone_enc: oldRing.encrypt('contact', '+16125550123') })
      .execute();
    const deps = await createDeps(config({ SWITCHBOARD_KEY_FILE: newKey, SWITCHBOARD_PREVIOUS_KEY_FILE: oldKey }));
    // Old fields are readable before re-encryption finishes.
    const before = await t.database.db.selectFrom('accounts').select('phone_enc').executeTakeFirstOrThrow();
    expect(deps.keyring.isCurrent(before.phone_enc!)).toBe(false);
    expect(deps.keyring.decrypt('contact', before.phone_enc!)).toBe('+16125550123');
    // Every account's phone, email and name, and the demo sites' address, point and notes for volunteers.
    const sites = await t.database.db.selectFrom('sites').select('id').execute();
    const sitesWithNotes = await t.database.db.selectFrom('sites').select('id').where('notes_enc', 'is not', null).execute();
    expect(sitesWithNotes.length).toBeGreaterThan(0);
    // …and the demo's other sealed fields: where trainings meet, queued messages, reports' words and points.
    const sealedOf = async (table: string, columns: string[]) => {
      let n = 0;
      for (const c of columns) {
        const rows = await (t.database.db as unknown as Kysely<Record<string, Record<string, string | null>>>)
          .selectFrom(table)
          .select(c)
          .where(c, 'is not', null)
          .execute();
        n += rows.length;
      }
      return n;
    };
    const reportFields =
      (await sealedOf('reports', ['location_text_enc', 'point_enc', 'description_enc', 'contact_enc', 'photo_enc'])) +
      (await sealedOf('incidents', ['location_text_enc', 'point_enc', 'place_name_enc'])) +
      (await sealedOf('training_sessions', ['place_enc'])) +
      (await sealedOf('outbox', ['recipient_enc', 'payload_enc'])) +
      (await sealedOf('care_requests', ['contact_enc', 'address_enc', 'point_enc', 'items_enc', 'decline_reason_enc'])) +
      (await sealedOf('care_tasks', ['failure_reason_enc'])) +
      (await sealedOf('care_claim_requests', ['reason_enc'])) +
      (await sealedOf('care_ride_requests', [
        'pickup_enc',
        'pickup_point_enc',
        'dropoff_enc',
        'dropoff_point_enc',
        'contact_enc',
      ])) +
      (await sealedOf('care_hubs', ['address_enc'])) +
      (await sealedOf('fund_entries', ['donor_ref_enc'])) +
      (await sealedOf('fund_disbursements', ['purpose_enc']));
    // Thirteen accounts: the admin and twelve people (the treasurer came with the funds ledger).
    expect(await reencryptAll(deps.database.db, deps.keyring, encryptedColumns())).toBe(
      13 * 3 + sites.length * 2 + sitesWithNotes.length + reportFields,
    );
    const after = await t.database.db.selectFrom('accounts').select('phone_enc').execute();
    expect(after.every((r) => deps.keyring.isCurrent(r.phone_enc!))).toBe(true);
    // The email blind index is redone under the new key: the new key alone finds the admin.
    // One lookup per account: thirteen.
    expect(await sealPlaintextAll(deps)).toBe(13);
    const newOnly = new Keyring(readKeyFile(newKey));
    expect(await findAccountByEmail(deps.database.db, newOnly, 'admin@demo.switchboard.local')).toBeDefined();
    await closeDeps(deps);
  });

  it('a passphrase-protected server starts sealed and a deployment admin unseals it', async () => {
    quiet();
    await runCli(
      ['admin', 'create', '--email', 'root@example.org', '--network', 'north', '--password', 'the admin password'],
      config(),
    );
    await initPassphrase(t.database.db, new Keyring(), 'a very long unlock passphrase');
    const deps = await createDeps(config());
    expect(deps.keyring.sealed).toBe(true);
    const app = await buildApp(deps, { logger: false });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json().status).toBe('sealed');
    expect((await app.inject({ method: 'POST', url: '/api/v1/system/unseal', payload: { passphrase: 'x' } })).statusCode).toBe(
      401,
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'root@example.org', password: 'the admin password' },
    });
    const cookie = `sb_session=${login.cookies[0].value}`;
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie },
      payload: { passphrase: 'not the passphrase' },
    });
    expect(wrong.json().error.code).toBe('wrong_key');
    expect(deps.keyring.sealed).toBe(true);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie },
      payload: { passphrase: 'a very long unlock passphrase' },
    });
    expect(right.json()).toEqual({ sealed: false });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json().status).toBe('ok');
    await app.close();
    await closeDeps(deps);
  });
});
