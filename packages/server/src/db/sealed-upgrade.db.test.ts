import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/harness/dialects.ts';
import { sealPlaintextAll } from '../modules.ts';
import { findAccountByEmail } from '../modules/identity/index.ts';
import type { Deps } from '../platform/context.ts';
import { Keyring } from '../platform/crypto/keyring.ts';
import { migrate } from './migrator.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// A database from before encryption at rest (2026-12-04T0012, 0013), with rows that point at
// each other: upgraded, nothing is lost, foreign keys hold, and once the key is loaded the
// plaintext moves into the encrypted columns.
describe.each(DIALECTS)('upgrading a populated database to encryption at rest on %s', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<any>;
  const keyring = new Keyring(randomBytes(32));
  const now = new Date().toISOString();

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    db = t.database.db as unknown as Kysely<any>;
    await db.schema
      .createTable('schema_migrations')
      .addColumn('name', 'text', (c) => c.primaryKey().notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    for (const f of readdirSync(MIGRATIONS)
      .filter((n) => n < '2026-12-04T0011')
      .sort()) {
      const m = (await import(join(MIGRATIONS, f))) as { up(db: Kysely<any>, d: typeof dialect): Promise<void> };
      await m.up(db, dialect);
      await db
        .insertInto('schema_migrations')
        .values({ name: f.replace(/\.ts$/, ''), applied_at: now })
        .execute();
    }
    await db
      .insertInto('networks')
      .values({ id: 'n1', slug: 'n', name: 'N', time_zone: 'UTC', settings: '{}', created_at: now })
      .execute();
    await db
      .insertInto('organizations')
      .values({
        id: 'o1',
        network_id: 'n1',
        name: 'O',
        kind: 'formal',
        type: 'nonprofit',
        status: 'active',
        requested_by: null,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('accounts')
      .values({
        id: 'a1',
        email: 'old.member@example.org',
        password_hash: null,
        display_name: 'Old Member Name',
        language: 'en',
        languages_spoken: '["en"]',
        home_area: null,
        notification_channels: '{"email":true,"sms":false,"push":false}',
        phone_enc: null,
        is_deployment_admin: 1,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('sessions')
      .values({
        id: 's1',
        token_hash: 'h',
        account_id: 'a1',
        label: 'x',
        auth_method: 'password',
        created_at: now,
        last_seen_at: now,
        expires_at: now,
      })
      .execute();
    await db
      .insertInto('sites')
      .values({
        id: 'site1',
        network_id: 'n1',
        organization_id: 'o1',
        name: 'School',
        kind: 'school',
        address: '12 Old Plain Street',
        lat: 44.95,
        lng: -93.25,
        cell: '872a1072fffffff',
        sharing: 'network',
        notes_enc: null,
        languages: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('outbox')
      .values({
        id: 'ob1',
        network_id: 'n1',
        channel: 'email',
        recipient_enc: keyring.encrypt('contact', 'old.member@example.org'),
        payload: '{"type":"dispatch","street":"12 Old Plain Street"}',
        dedupe_key: 'd1',
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
  });
  afterAll(() => t.drop());

  it('keeps every row and every reference through the migrations', async () => {
    const applied = await migrate(t.database.db, dialect);
    expect(applied).toEqual(expect.arrayContaining(['2026-12-04T0012-sealed-people', '2026-12-04T0013-sealed-sites']));
    expect(applied).toEqual(
      readdirSync(MIGRATIONS)
        .filter((n) => n >= '2026-12-04T0011')
        .map((n) => n.replace(/\.ts$/, ''))
        .sort(),
    );
    expect(await db.selectFrom('accounts').select(['id', 'email', 'display_name']).execute()).toEqual([
      { id: 'a1', email: 'old.member@example.org', display_name: 'Old Member Name' },
    ]);
    expect(await db.selectFrom('sessions').select(['account_id']).execute()).toEqual([{ account_id: 'a1' }]);
    expect(await db.selectFrom('sites').select(['address']).execute()).toEqual([{ address: '12 Old Plain Street' }]);
    expect(await db.selectFrom('outbox').select(['id']).execute()).toEqual([{ id: 'ob1' }]);
    if (dialect === 'sqlite') {
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
      // Still enforced: an account with a session cannot go.
      await expect(db.deleteFrom('accounts').where('id', '=', 'a1').execute()).rejects.toThrow(/FOREIGN KEY/);
    }
  });

  it('seals the plaintext once the key is loaded, and sign-in finds the member by the blind index', async () => {
    const deps = { database: t.database, keyring } as unknown as Deps;
    expect(await sealPlaintextAll(deps)).toBe(3);
    const account = await db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
    expect(account).toMatchObject({ email: null, display_name: null });
    expect(account.sealed_email_hash).toBeTruthy();
    expect((await db.selectFrom('sites').selectAll().executeTakeFirstOrThrow()).address).toBeNull();
    const outbox = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(outbox.payload).toBeNull();
    expect(keyring.decrypt('contact', outbox.payload_enc)).toContain('12 Old Plain Street');
    expect(await findAccountByEmail(t.database.db, keyring, 'Old.Member@example.org')).toMatchObject({
      id: 'a1',
      email: 'old.member@example.org',
      displayName: 'Old Member Name',
    });
    expect(await sealPlaintextAll(deps)).toBe(0);
  });
});
