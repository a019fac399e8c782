// Test support for the shifts API tests: courses and certifications written through the
// training module's repositories, a site and a weekly shift made through the API.
import type { FastifyInstance } from 'fastify';
import type { Fixture, TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { insertCertification } from '../training/certifications.repository.ts';
import { insertCourse } from '../training/courses.repository.ts';
import { occurrenceOnDate } from './shifts.repository.ts';

let source = 0;
/** A different loopback source per call, so long test runs stay under the per-source rate limit. */
export const nextSource = () => `127.1.${(++source >> 8) & 255}.${source & 255}`;

/** Call the API as someone (cookie) or no one. */
export function caller(app: FastifyInstance) {
  return (
    cookie: string | undefined,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      remoteAddress: nextSource(),
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}),
    });
}

/** A training course of the network. */
export async function makeCourse(t: TestApp, networkId: string, key: string, name: string): Promise<string> {
  const id = newId();
  const now = t.clock.now().toISOString();
  await insertCourse(
    t.deps.database.db,
    {
      id,
      networkId,
      key,
      name,
      description: '',
      validityMonths: 12,
      qualification: null,
      issueOn: 'attendance',
      prerequisites: [],
    },
    now,
  );
  return id;
}

/** A certification, valid from now until `expiresAt` (null: never expires). */
export async function certify(
  t: TestApp,
  networkId: string,
  accountId: string,
  courseId: string,
  expiresAt: Date | null,
): Promise<string> {
  const id = newId();
  const now = t.clock.now().toISOString();
  await insertCertification(t.deps.database.db, {
    id,
    networkId,
    accountId,
    courseId,
    source: 'signoff',
    sessionId: null,
    issuedBy: null,
    issuedAt: now,
    expiresAt: expiresAt?.toISOString() ?? null,
    now,
  });
  return id;
}

/** A network-shared school owned by org A, made by its coordinator. */
export async function makeSite(app: FastifyInstance, f: Fixture, coordinator: string, extra: object = {}) {
  const res = await caller(app)(coordinator, 'POST', `/api/v1/networks/${f.slug}/sites`, {
    organizationId: f.orgA,
    name: `Lincoln Elementary ${newId().slice(-6)}`,
    kind: 'school',
    address: '2131 12th Ave S, Minneapolis',
    lat: 44.9607,
    lng: -93.2576,
    sharing: 'network',
    notes: 'Stand by the east gate; contact Ms. Ortiz 612-555-0142',
    languages: ['es', 'so'],
    ...extra,
  });
  if (res.statusCode !== 200) throw new Error(`site: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string };
}

/** A shift at a site (weekdays 07:30–08:30 from Monday 2026-11-30 by default). */
export async function makeShift(app: FastifyInstance, f: Fixture, coordinator: string, siteId: string, body: object = {}) {
  const res = await caller(app)(coordinator, 'POST', `/api/v1/networks/${f.slug}/sites/${siteId}/shifts`, {
    title: 'School drop-off',
    startDate: '2026-11-30',
    startTime: '07:30',
    endTime: '08:30',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    slots: [{ peopleNeeded: 1 }],
    ...body,
  });
  if (res.statusCode !== 200) throw new Error(`shift: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; slots: { id: string; courseId: string | null }[]; occurrences: number };
}

/** Id of a series' occurrence on a local date. */
export async function occurrenceOn(t: TestApp, seriesId: string, localDate: string): Promise<string> {
  const r = await occurrenceOnDate(t.deps.database.db, seriesId, localDate);
  if (!r) throw new Error(`no occurrence of ${seriesId} on ${localDate}`);
  return r.id;
}

/** Outbox payloads of shift notices, decoded. */
export async function shiftNotices(t: TestApp) {
  const rows = await t.deps.database.db
    .selectFrom('outbox')
    .select(['payload_enc', 'channel', 'dedupe_key', 'recipient_enc'])
    .execute();
  const out: Record<string, string | number | undefined>[] = rows.map((r) => ({
    ...(JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)) as Record<string, string | number>),
    channel: r.channel,
    to: t.deps.keyring.decrypt('contact', r.recipient_enc),
  }));
  return out.filter((p) => p.type === 'shift');
}
