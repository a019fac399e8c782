import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness/test-app.ts';

/** The code in a confirmation message (the first six-digit number). */
export function codeIn(text: string): string {
  const m = /\b([0-9]{6})\b/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1];
}

/** The newest confirmation code queued for this phone or address, read back from the outbox as the worker would. */
export async function codeFromOutbox(t: TestApp, recipient: string): Promise<string> {
  const rows = await t.deps.database.db
    .selectFrom('outbox')
    .select(['recipient_enc', 'payload_enc', 'created_at', 'id'])
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const payload = JSON.parse(t.deps.keyring.decrypt('contact', row.payload_enc!)) as { kind?: string; codeEnc?: string };
    if (payload.kind === 'confirm' && payload.codeEnc && t.deps.keyring.decrypt('contact', row.recipient_enc) === recipient)
      return t.deps.keyring.decrypt('contact', payload.codeEnc);
  }
  throw new Error('no confirmation queued');
}

/** Confirm an SMS or email subscription with a code; returns the response. */
export function postConfirm(t: TestApp, body: object, { slug = 'alpha', lang }: { slug?: string; lang?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/networks/${slug}/alert-subscriptions/confirm`,
    payload: body,
    headers: lang ? { 'accept-language': lang } : {},
  });
}

/** Subscribe by SMS or email and confirm with the code from the outbox; returns the subscription id and manage token. */
export async function subscribeAndConfirm(
  t: TestApp,
  body: { channel: 'sms' | 'email'; phone?: string; email?: string; [k: string]: unknown },
): Promise<{ id: string; manageToken: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/alert-subscriptions', payload: body });
  expect(res.statusCode, res.body).toBe(202);
  const recipient = body.channel === 'sms' ? body.phone! : body.email!.trim().toLowerCase();
  const code = await codeFromOutbox(t, recipient);
  const ok = await postConfirm(t, {
    channel: body.channel,
    ...(body.phone ? { phone: body.phone } : { email: body.email }),
    code,
  });
  expect(ok.statusCode, ok.body).toBe(200);
  return ok.json();
}
