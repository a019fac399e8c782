import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_HOTLINE, DEMO_PASSWORD, DEMO_SLUG, demoSensitiveValues } from '../../src/demo/demo-seed.ts';
import { twilioSignature } from '../../src/modules/public-intake/twilio-signature.ts';
import type { SensitiveSeed } from '../../src/platform/crypto/plain-columns.ts';
import type { TwilioDouble } from '../doubles/twilio.double.ts';
import { signInHttp, type ServerProcess } from './server-process.ts';

// What the cold-copy tests (test/process/cold-copy*.test.ts) file through a real server, and how
// they search a stopped deployment's files for it.

/** Values filed through the real API in the first run (stopped with SIGTERM), by where they go in. */
export const FIRST = {
  typed: {
    locationText: '4417 Quillback Lane, Minneapolis',
    description: 'Cold-copy test: two grey vans idling outside the laundromat, agents in vests',
    contact: '+16125550143',
  },
  pinned: {
    point: { lat: 44.9383917, lng: -93.2471853 },
    description: 'Cold-copy test: a man detained at the bus shelter, his daughter is alone',
  },
  form: {
    where: '2908 Marigold Court',
    what: 'Cold-copy form: officers knocking door to door on the east side',
    contact: '+16125550166',
  },
  sms: { from: '+16125550187', body: 'Cold-copy SMS: checkpoint outside 3816 Pelican Ridge Rd right now' },
  member: { email: 'wren.talisker@cold-copy.example', name: 'Wren Talisker-Obi' },
  site: {
    address: '7712 Juniper Hollow Ave S, Minneapolis',
    point: { lat: 44.9251873, lng: -93.2789154 },
    notes: 'Side door code 4471; ask for Ms. Haverford',
  },
  session: { place: 'Back room of 5150 Tamarack Blvd, Minneapolis' },
  care: {
    address: '9134 Wintergreen Terrace, Minneapolis, door B',
    contact: '+16125550171',
    point: { lat: 44.9412377, lng: -93.2611459 },
  },
};

/** Filed in the second run, which is killed (SIGKILL) at once so its write-ahead log stays behind. */
export const SECOND = {
  locationText: '6021 Sorrel Way, Minneapolis',
  point: { lat: 44.9316642, lng: -93.2533079 },
  description: 'Cold-copy WAL: agents going into the apartments behind the clinic',
};

/** The extras as values to look for. */
export const EXTRAS: SensitiveSeed = {
  texts: [
    { kind: 'address', value: FIRST.typed.locationText },
    { kind: 'description', value: FIRST.typed.description },
    { kind: 'contact', value: FIRST.typed.contact },
    { kind: 'description', value: FIRST.pinned.description },
    { kind: 'address', value: FIRST.form.where },
    { kind: 'description', value: FIRST.form.what },
    { kind: 'contact', value: FIRST.form.contact },
    { kind: 'contact', value: FIRST.sms.from },
    { kind: 'description', value: FIRST.sms.body },
    { kind: 'email', value: FIRST.member.email },
    { kind: 'name', value: FIRST.member.name },
    { kind: 'address', value: FIRST.site.address },
    { kind: 'note', value: FIRST.site.notes },
    { kind: 'address', value: FIRST.session.place },
    { kind: 'address', value: FIRST.care.address },
    { kind: 'contact', value: FIRST.care.contact },
    { kind: 'address', value: SECOND.locationText },
    { kind: 'description', value: SECOND.description },
  ],
  points: [FIRST.pinned.point, FIRST.site.point, FIRST.care.point, SECOND.point],
};

/** Plain by design (a public name) and seeded: proves the search reads the files it should. */
export const CONTROL = 'Twin Cities Rapid Response';

/** How far apart (bytes) a point's latitude and longitude may lie and still count as that point. */
const POINT_WINDOW = 256;

/** One thing to look for, and the byte strings that would give it away. */
export interface Needle {
  label: string;
  /** What was seeded, to name the columns that hold it. */
  seeded?: { text: string } | { lat: number; lng: number };
  /** Any of these bytes, anywhere. */
  any?: Buffer[];
  /** A pair of [latitude, longitude] encodings found within POINT_WINDOW of each other. */
  pairs?: [Buffer, Buffer, { digits: boolean }][];
}

export function needlesOf(seed: SensitiveSeed): Needle[] {
  const double = (n: number, order: 'BE' | 'LE') => {
    const b = Buffer.alloc(8);
    if (order === 'BE') b.writeDoubleBE(n);
    else b.writeDoubleLE(n);
    return b;
  };
  return [
    ...seed.texts.map((t) => ({
      label: `${t.kind} ${JSON.stringify(t.value)}`,
      seeded: { text: t.value },
      any: [Buffer.from(t.value, 'utf8')],
    })),
    // A coordinate alone is not a place (the gazetteer's public neighbourhood outlines share many
    // four-decimal vertices with the demo sites); the two together, close by, are. Both as text
    // (JSON, logs) and as IEEE-754 doubles (SQLite stores REAL big-endian; little-endian for the rest).
    ...seed.points.map((p) => ({
      label: `point ${p.lat},${p.lng}`,
      seeded: p,
      pairs: [
        [Buffer.from(String(p.lat)), Buffer.from(String(p.lng)), { digits: true }],
        [double(p.lat, 'BE'), double(p.lng, 'BE'), { digits: false }],
        [double(p.lat, 'LE'), double(p.lng, 'LE'), { digits: false }],
      ] as [Buffer, Buffer, { digits: boolean }][],
    })),
  ];
}

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/** Every offset of `needle` in `hay`; as a number in text, only where no digit runs on either side. */
function offsets(hay: Buffer, needle: Buffer, digits: boolean): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    if (digits && (isDigit(hay[i - 1]) || hay[i - 1] === 0x2e || isDigit(hay[i + needle.length]))) continue;
    out.push(i);
  }
  return out;
}

function found(hay: Buffer, n: Needle): boolean {
  if (n.any?.some((b) => hay.includes(b))) return true;
  return (n.pairs ?? []).some(([lat, lng, { digits }]) => {
    const lngs = offsets(hay, lng, digits);
    return lngs.length > 0 && offsets(hay, lat, digits).some((i) => lngs.some((j) => Math.abs(i - j) <= POINT_WINDOW));
  });
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Which columns hold a seeded value (a hint printed beside a leak). */
export type ColumnFinder = (seeded: NonNullable<Needle['seeded']>) => string[];

/** Every value the demo seeds and the extras file: what must not be readable on a stopped disk. */
export function everySeededValue(): Needle[] {
  const demo = demoSensitiveValues();
  return needlesOf({ texts: [...demo.texts, ...EXTRAS.texts], points: [...demo.points, ...EXTRAS.points] });
}

/** A directory to search, how to name it, and optionally what a file in it holds ("accounts"). */
export interface SearchRoot {
  dir: string;
  label?: string;
  explain?: (path: string) => string | undefined;
}

/**
 * Each needle found, with the files it was found in (named `<root label>/<path>`) and, given a
 * finder, the columns holding it: one line each, so a failure says exactly what is where.
 */
export function searchFiles(roots: SearchRoot[], needles: Needle[], columnsOf?: ColumnFinder): string[] {
  const files = roots.flatMap(({ dir, label, explain }) =>
    filesUnder(dir).map((f) => {
      const path = relative(dir, f);
      const what = explain?.(path);
      return { name: `${label ? `${label}/` : ''}${path}${what ? ` (${what})` : ''}`, bytes: readFileSync(f) };
    }),
  );
  return needles.flatMap((n) => {
    const where = files.filter((f) => found(f.bytes, n)).map((f) => f.name);
    const cols = where.length && columnsOf && n.seeded ? columnsOf(n.seeded) : [];
    return where.length ? [`${n.label} in ${where.join(', ')}${cols.length ? ` [${cols.join(', ')}]` : ''}`] : [];
  });
}

/** JSON over HTTP to whichever server runs now (a second run listens on another port). */
function client(server: () => ServerProcess) {
  return async (method: string, path: string, body?: unknown, cookie?: string) => {
    const base = server().url;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { origin: base, ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${answer}`);
    return answer ? JSON.parse(answer) : undefined;
  };
}

const API = `/api/v1/networks/${DEMO_SLUG}`;

/**
 * File the first run's extras into a server holding the demo: JSON reports with a typed address
 * and with a point, the no-JavaScript form, a Twilio-signed SMS, an invited member, a site and a
 * training session.
 */
export async function fileFirstExtras(server: ServerProcess, twilio: TwilioDouble): Promise<void> {
  const json = client(() => server);
  const { url } = server;
  await json('POST', `${API}/reports`, { category: 'other', ...FIRST.typed });
  await json('POST', `${API}/reports`, { category: 'other', ...FIRST.pinned });
  const form = await fetch(`${url}/r/${DEMO_SLUG}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ category: 'other', ...FIRST.form }).toString(),
  });
  if (form.status !== 200) throw new Error(`report form: ${form.status} ${await form.text()}`);
  // Signed as Twilio signs; the receipt is the TwiML answer.
  const sms = {
    MessageSid: 'SM00000000000000000000000000c01d',
    AccountSid: twilio.accountSid,
    From: FIRST.sms.from,
    To: DEMO_HOTLINE,
    Body: FIRST.sms.body,
    NumMedia: '0',
  };
  const hook = `/hooks/sms/twilio/${DEMO_SLUG}`;
  const smsRes = await fetch(`${url}${hook}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(twilio.authToken, `${url}${hook}`, sms),
    },
    body: new URLSearchParams(sms).toString(),
  });
  if (smsRes.status !== 200) throw new Error(`SMS webhook: ${smsRes.status} ${await smsRes.text()}`);

  // A delivery request from the public, and the demo driver reading the address of the task given to them.
  await json('POST', `${API}/care/public-requests`, {
    kind: 'hot_meals',
    items: [{ name: 'Hot meal', quantity: 4 }],
    ...FIRST.care,
  });
  const driver = await signInHttp(url, 'driver@demo.switchboard.local', DEMO_PASSWORD);
  const { tasks } = await json('GET', `${API}/care/tasks?status=assigned`, undefined, driver);
  const read = await json('GET', `${API}/care/tasks/${tasks[0].id}/address`, undefined, driver);
  if (!read.address) throw new Error('the demo driver could not read their task address');

  const coordinator = await signInHttp(url, 'coordinator@demo.switchboard.local', DEMO_PASSWORD);
  const { organizations } = await json('GET', `${API}/organizations`, undefined, coordinator);
  const org = organizations.find((o: { name: string }) => o.name === 'Unidos Immigrant Rights Center');
  const { token } = await json('POST', `${API}/organizations/${org.id}/invitations`, { roles: ['responder'] }, coordinator);
  await json('POST', `/api/v1/invitations/${token}/accept`, {
    email: FIRST.member.email,
    password: 'cold-copy-password-2026',
    displayName: FIRST.member.name,
    language: 'en',
  });
  await json(
    'POST',
    `${API}/sites`,
    {
      organizationId: org.id,
      name: 'Cold Copy Community School',
      kind: 'school',
      address: FIRST.site.address,
      ...FIRST.site.point,
      sharing: 'network',
      notes: FIRST.site.notes,
      languages: ['es'],
    },
    coordinator,
  );
  const trainer = await signInHttp(url, 'trainer@demo.switchboard.local', DEMO_PASSWORD);
  const { courses } = await json('GET', `${API}/training/courses`, undefined, trainer);
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await json(
    'POST',
    `${API}/training/sessions`,
    {
      courseId: courses[0].id,
      startsAtLocal: `${day}T18:00`,
      endsAtLocal: `${day}T20:00`,
      place: FIRST.session.place,
      language: 'en',
      capacity: 12,
    },
    trainer,
  );
}

/** File the second run's report (acknowledged, so it is on disk before the kill). */
export async function fileSecondExtras(server: ServerProcess): Promise<void> {
  await client(() => server)('POST', `${API}/reports`, { category: 'other', ...SECOND });
}
