import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { sealPlaintextAll } from '../../modules.ts';
import { newId } from '../../platform/ids.ts';
import { grantAdmin, insertMembership } from '../networks/index.ts';
import { insertOutboxRows } from '../notify/index.ts';
import { createAccount } from './identity.service.ts';

// Issue 10, item 2: members' emails and names, and outbox bodies, are not stored in plaintext.
const EMAIL = 'rosa.quintanilla-distinct@example.org';
const NAME = 'Rosa Quintanilla-Distinct';
const ADMIN_EMAIL = 'root-sealed-admin@example.org';
const STREET = '2417 Lyndale Distinct Avenue';

/** Every value of every row of every table, as text: what a seized disk would show. */
async function everyStoredValue(t: TestApp): Promise<string> {
  const tables = await t.deps.database.db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.deps.database.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n').toLowerCase();
}

describe.each(DIALECTS)('members and messages at rest on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let rosaId: string;
  const master = randomBytes(32);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.deps.keyring.load(master);
    f = await seedFixture(t.deps);
    rosaId = await createAccount(t.deps, { email: EMAIL, password: TEST_PASSWORD, displayName: NAME, language: 'es' });
    const now = t.deps.clock.now();
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: f.orgA,
      accountId: rosaId,
      roles: ['responder'],
      status: 'active',
      now,
    });
    const adminId = await createAccount(t.deps, {
      email: ADMIN_EMAIL,
      password: TEST_PASSWORD,
      displayName: 'Root',
      language: 'en',
    });
    await grantAdmin(t.deps, { networkId: f.networkId, accountId: adminId, deploymentAdmin: true, via: 'cli' });
    await t.deps.database.db.transaction().execute((trx) =>
      insertOutboxRows(trx, t.deps.keyring, [
        {
          id: newId(),
          networkId: f.networkId,
          channel: 'email',
          recipientEnc: t.deps.keyring.encrypt('contact', EMAIL),
          payload: {
            type: 'shift',
            kind: 'reminder',
            language: 'es',
            timeZone: 'America/Chicago',
            title: 'Morning watch',
            site: STREET,
            startsAt: now.toISOString(),
            path: '/n/alpha/shifts/mine',
          },
          dedupeKey: `test:${newId()}`,
          now: now.toISOString(),
        },
      ]),
    );
  });
  afterAll(() => t.close());

  it('stores no email, name or message text in plaintext, while the API returns them', async () => {
    const stored = await everyStoredValue(t);
    for (const secret of [EMAIL, NAME, 'quintanilla', ADMIN_EMAIL, STREET]) expect(stored).not.toContain(secret.toLowerCase());

    const cookie = await signIn(t.app, EMAIL);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json();
    expect(me).toMatchObject({ email: EMAIL, displayName: NAME });
    const admin = await signIn(t.app, f.accounts.admin.email);
    const members = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/members`,
      headers: { cookie: admin },
    });
    expect(members.statusCode).toBe(200);
    expect(JSON.stringify(members.json())).toContain(NAME);
    expect(JSON.stringify(members.json())).toContain(EMAIL);
  });

  it('signs in by email through the blind index, in any case; a wrong email fails as before', async () => {
    await signIn(t.app, EMAIL.toUpperCase());
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'rosa.quintanilla@example.org', password: TEST_PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('seals plaintext left from before the migration, and sign-in keeps working', async () => {
    const id = newId();
    await t.deps.database.db
      .insertInto('accounts')
      .values({
        id,
        email: 'old.plain.member@example.org',
        display_name: 'Old Plain Member',
        password_hash: (
          await t.deps.database.db
            .selectFrom('accounts')
            .select('password_hash')
            .where('id', '=', rosaId)
            .executeTakeFirstOrThrow()
        ).password_hash,
        language: 'en',
        languages_spoken: '["en"]',
        home_area: null,
        notification_channels: '{"email":true,"sms":false,"push":false}',
        phone_enc: null,
        is_deployment_admin: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    await signIn(t.app, 'old.plain.member@example.org');
    expect(await sealPlaintextAll(t.deps)).toBeGreaterThan(0);
    const row = await t.deps.database.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, display_name: null });
    expect(row.email_enc).toMatch(/^v1\./);
    expect(await everyStoredValue(t)).not.toContain('old plain member');
    await signIn(t.app, 'old.plain.member@example.org');
    expect(await sealPlaintextAll(t.deps)).toBe(0);
  });

  it('sealed: a deployment admin signs in by the slow hash; anyone else gets one clear refusal', async () => {
    t.deps.keyring.seal();
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: ADMIN_EMAIL, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ email: ADMIN_EMAIL, isDeploymentAdmin: true });
      for (const payload of [
        { email: EMAIL, password: TEST_PASSWORD },
        { email: ADMIN_EMAIL, password: 'not the password at all' },
        { email: 'nobody@example.org', password: TEST_PASSWORD },
      ]) {
        const refused = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          headers: { 'accept-language': 'es' },
          payload,
        });
        expect(refused.statusCode, payload.email).toBe(503);
        expect(refused.json().error).toMatchObject({ code: 'sealed', message: expect.stringMatching(/bloqueado/) });
      }
    } finally {
      t.deps.keyring.load(master);
    }
  });
});
