import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { createOutboxWorker, channelsFromConfig } from '../notify/index.ts';
import { outboxHandlers } from '../../modules.ts';
import { queueTrainingReminders } from './index.ts';

describe.each(DIALECTS)('training dashboard and reminders on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/networks/alpha${url}`,
      headers: { cookie: cookie[who] },
      ...(payload ? { payload } : {}),
    });
  let courseId: string;
  let sessionId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of ['trainer', 'org_coordinator', 'responder', 'driver', 'watch_volunteer', 'coordinator_b'] as const)
      cookie[p] = await signIn(t.app, f.accounts[p].email);
    courseId = (
      await call('org_coordinator', 'POST', '/training/courses', {
        key: 'lo',
        name: 'Legal observer',
        validityMonths: 2,
        qualification: 'legal_observer',
      })
    ).json().id;
    // Today (the fake clock) is Sunday 29 November, 06:00 in Chicago: its local week began Monday 23 November.
    sessionId = (
      await call('trainer', 'POST', '/training/sessions', {
        courseId,
        startsAtLocal: '2026-11-29T18:00',
        endsAtLocal: '2026-11-29T20:00',
        language: 'es',
        place: 'Hall',
        capacity: 4,
      })
    ).json().id;
    await call('driver', 'PUT', `/training/sessions/${sessionId}/registration`, {});
    await call('responder', 'PUT', `/training/sessions/${sessionId}/registration`, {});
  });
  afterAll(() => t.close());

  it('shows upcoming sessions with their fill', async () => {
    const dash = (await call('trainer', 'GET', '/training/dashboard')).json();
    expect(dash.upcoming).toEqual([
      {
        id: sessionId,
        courseName: 'Legal observer',
        startsAtLocal: '2026-11-29T18:00',
        capacity: 4,
        registered: 2,
        waitlisted: 0,
      },
    ]);
    expect((await call('watch_volunteer', 'GET', '/training/dashboard')).statusCode).toBe(403);
  });

  it('counts people trained per local week, course and organization, and certified responders available now per coarse area', async () => {
    // Attendance is taken at the session (Sunday 18:00 in Minneapolis), not twelve hours before.
    t.clock.set(new Date('2026-11-30T00:00:00Z'));
    await call('trainer', 'PUT', `/training/sessions/${sessionId}/attendance`, {
      present: [f.accounts.driver.id, f.accounts.responder.id, f.accounts.coordinator_b.id],
    });
    const cell = latLngToCell(44.95, -93.25, 8);
    await call('responder', 'PUT', '/responder/availability', { available: true, cell });
    const dash = (await call('org_coordinator', 'GET', '/training/dashboard')).json();
    expect(dash.timeZone).toBe('America/Chicago');
    expect(dash.weeks).toHaveLength(12);
    expect(dash.weeks.at(-1)).toBe('2026-11-23');
    expect(dash.trainedTotal.at(-1)).toEqual({ week: '2026-11-23', people: 3 });
    expect(dash.trained).toEqual(
      expect.arrayContaining([
        { week: '2026-11-23', courseId, organizationId: f.orgA, people: 2 },
        { week: '2026-11-23', courseId, organizationId: f.orgB, people: 1 },
      ]),
    );
    expect(dash.organizations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([f.orgA, f.orgB]));
    // A district-sized cell, never the responder's own cell.
    expect(dash.availableCertified).toEqual([{ area: cellToParent(cell, 6), courseId, responders: 1 }]);
    expect(JSON.stringify(dash)).not.toContain(cell);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it('queues session reminders the day before and the hour before, once each, in the person’s language', async () => {
    const { startSmtpDouble } = await import('../../../test/doubles/smtp.double.ts');
    const smtp = await startSmtpDouble();
    try {
      t.deps.config = { ...t.deps.config, smtp: { url: smtp.url, from: 'Switchboard <training@example.org>' } };
      const other = (
        await call('trainer', 'POST', '/training/sessions', {
          courseId,
          startsAtLocal: '2026-11-30T18:00',
          endsAtLocal: '2026-11-30T20:00',
          language: 'es',
          place: 'Hall',
          capacity: 4,
        })
      ).json().id;
      await t.deps.database.db
        .updateTable('accounts')
        .set({ language: 'es' })
        .where('id', '=', f.accounts.watch_volunteer.id)
        .execute();
      await call('watch_volunteer', 'PUT', `/training/sessions/${other}/registration`, {});
      const reminders = async () =>
        (
          await t.deps.database.db
            .selectFrom('outbox')
            .select(['dedupe_key'])
            .where('dedupe_key', 'like', 'training-reminder:%')
            .execute()
        ).map((r) => r.dedupe_key);
      await queueTrainingReminders(t.deps);
      await queueTrainingReminders(t.deps);
      // Today's session starts in 12 h: its three people (a walk-in among them) get the day-before reminder, once; tomorrow's (36 h away) nothing yet.
      expect(await reminders()).toHaveLength(3);
      expect((await reminders()).every((k) => k.endsWith(':24h:email'))).toBe(true);
      t.clock.set(new Date('2026-11-30T12:00:00Z'));
      await queueTrainingReminders(t.deps);
      expect(await reminders()).toHaveLength(4);
      t.clock.set(new Date('2026-11-30T23:30:00Z'));
      await queueTrainingReminders(t.deps);
      expect((await reminders()).filter((k) => k.endsWith(':1h:email'))).toHaveLength(1);

      const worker = createOutboxWorker(t.deps, {
        channels: channelsFromConfig(t.deps.config),
        handlers: outboxHandlers(t.deps),
      });
      await worker.runOnce();
      const mails = smtp.mails.filter((m) => m.to.includes(f.accounts.watch_volunteer.email));
      expect(mails).toHaveLength(2);
      const mail = mails[0];
      expect(mail?.subject).toBe('Recordatorio de capacitación');
      // The network's local time, written the Spanish way, and a link to the network's training page.
      expect(mail?.text).toContain('18:00');
      expect(mail?.text).toContain('/n/alpha/training');
    } finally {
      t.clock.set(new Date('2026-11-29T12:00:00Z'));
      await smtp.close();
    }
  });

  it('queues one reminder a month before a certification expires, unless renewed', async () => {
    // Issued 29 Nov with 2 months' validity: expiring 29 Jan. On 5 Jan it is within the month.
    t.clock.set(new Date('2027-01-05T12:00:00Z'));
    await queueTrainingReminders(t.deps);
    await queueTrainingReminders(t.deps);
    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['payload_enc'])
      .where('dedupe_key', 'like', 'training-expiry:%')
      .execute();
    expect(rows).toHaveLength(3);
    expect(JSON.parse(t.deps.keyring.decrypt('contact', rows[0].payload_enc!))).toMatchObject({
      type: 'training',
      kind: 'expiry_reminder',
      course: 'Legal observer',
    });
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });
});
