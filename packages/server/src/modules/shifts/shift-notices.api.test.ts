import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpDouble, type SmtpDouble } from '../../../test/doubles/smtp.double.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { channelsFromConfig, createOutboxWorker } from '../notify/index.ts';
import { outboxHandlers } from '../../modules.ts';
import { sendReminders } from './index.ts';
import { caller, makeShift, makeSite, occurrenceOn } from './shifts.test-support.ts';

describe.each(DIALECTS)('shift notices through the outbox on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let smtp: SmtpDouble;

  beforeAll(async () => {
    smtp = await startSmtpDouble();
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    t.deps.config = { ...t.deps.config, smtp: { url: smtp.url, from: 'Shifts <shifts@example.org>' } };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a reminder by real SMTP, in Somali, with the time in the network’s zone, through the handler main.ts registers', async () => {
    await t.deps.database.db
      .updateTable('accounts')
      .set({ language: 'so' })
      .where('id', '=', f.accounts.watch_volunteer.id)
      .execute();
    const call = caller(t.app);
    const coord = await signIn(t.app, f.accounts.org_coordinator.email);
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-12-01',
      rrule: undefined,
      title: 'Ilaalinta dugsiga',
    });
    const occ = await occurrenceOn(t, series.id, '2026-12-01');
    await call(
      await signIn(t.app, f.accounts.watch_volunteer.email),
      'POST',
      `/api/v1/networks/alpha/shifts/${occ}/slots/${series.slots[0].id}/signup`,
    );
    t.clock.set(new Date('2026-12-01T12:45:00Z'));
    expect(await sendReminders(t.deps)).toBe(1);
    const worker = createOutboxWorker(t.deps, {
      channels: channelsFromConfig(t.deps.config),
      handlers: outboxHandlers(t.deps),
    });
    expect(await worker.runOnce()).toMatchObject({ sent: 1, dead: 0 });
    const mail = smtp.mails.find((m) => m.to.includes(f.accounts.watch_volunteer.email))!;
    expect(mail.subject).toBe('Xusuusin shaqo-wareeg');
    expect(mail.text).toContain('Ilaalinta dugsiga');
    expect(mail.text).toContain(site.name);
    // 13:30 UTC is 07:30 in Chicago.
    expect(mail.text).toMatch(/7:30/);
    expect(mail.text).toContain('/n/alpha/shifts/mine');
  });
});
