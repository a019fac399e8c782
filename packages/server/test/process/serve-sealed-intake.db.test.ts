import { describe, expect, it } from 'vitest';
import { DEMO_SLUG } from '../../src/demo/demo-seed.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { readBeside, serverProcessScene } from '../harness/server-process-setup.ts';
import { startServer, writeKey } from '../harness/server-process.ts';

/**
 * "A sealed server drops the hotline": a real `switchboard serve` started without its key
 * takes a report with a callback number (201, receipt), keeps it sealed, and files it as a
 * normal report under the same receipt once it is started with the key again.
 */
describe.each(DIALECTS)('serve takes reports while sealed on %s', (dialect) => {
  const scene = serverProcessScene(dialect, 'sb-sealed-intake-');

  it('holds a report while sealed and files it at the next start with the key', async () => {
    const keyFile = writeKey(scene.dir);
    scene.server = await startServer('demo-start', { DATABASE_URL: scene.t.url, SWITCHBOARD_KEY_FILE: keyFile });
    // Started with the key: the intake public key is stored for the next sealed start.
    const published = Date.now() + 15_000;
    while (
      !(await readBeside(scene.t.url, (db) =>
        db.selectFrom('system_state').select('value').where('key', '=', 'sealed_intake.public_key').executeTakeFirst(),
      ))
    ) {
      if (Date.now() > published) throw new Error(`no intake key: ${scene.server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await scene.server.kill();

    // The unattended reboot: no key file, no terminal.
    scene.server = await startServer('serve', { DATABASE_URL: scene.t.url }, { ready: 'sealed' });
    const res = await fetch(`${scene.server.url}/api/v1/networks/${DEMO_SLUG}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'process-sealed-0001' },
      body: JSON.stringify({
        category: 'checkpoint',
        locationText: 'Lake St & Chicago Ave',
        description: 'Checkpoint, two trucks',
        contact: '+1 612 555 0123',
      }),
    });
    expect(res.status).toBe(201);
    const { receiptCode } = (await res.json()) as { receiptCode: string };
    const form = await fetch(`${scene.server.url}/r/${DEMO_SLUG}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'lang=en&category=checkpoint&where=Franklin+%26+Bloomington&key=process-form-0001',
    });
    expect(form.status).toBe(200);
    const formCode = /id="receipt-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await form.text())?.[1];
    expect(formCode).toBeDefined();
    const feed = await fetch(`${scene.server.url}/api/v1/calendar/not-a-real-token-but-long-enough-000000.ics`);
    expect(feed.status).toBe(503);

    const held = await readBeside(scene.t.url, (db) => db.selectFrom('sealed_intake').selectAll().execute());
    expect(held.map((h) => h.receipt_code).sort()).toEqual([receiptCode, formCode].sort());
    expect(JSON.stringify(held)).not.toMatch(/555 0123|Checkpoint|Lake St|Franklin/);
    await scene.server.kill();

    scene.server = await startServer('serve', { DATABASE_URL: scene.t.url, SWITCHBOARD_KEY_FILE: keyFile });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const left = await readBeside(scene.t.url, (db) => db.selectFrom('sealed_intake').select('id').execute());
      if (left.length === 0) break;
      if (Date.now() > deadline) throw new Error(`held reports not filed: ${scene.server.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const filed = await readBeside(scene.t.url, (db) =>
      db
        .selectFrom('reports')
        .select(['receipt_code', 'contact_enc', 'incident_id'])
        .where('receipt_code', 'in', [receiptCode, formCode!])
        .execute(),
    );
    expect(filed).toHaveLength(2);
    expect(filed.every((r) => r.incident_id)).toBe(true);
    expect(filed.find((r) => r.receipt_code === receiptCode)?.contact_enc).toBeTruthy();
  }, 120_000);
});
