import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOTLINE, DEMO_PASSWORD, DEMO_SLUG, demoSensitiveValues } from '../../src/demo/demo-seed.ts';
import { twilioSignature } from '../../src/modules/public-intake/twilio-signature.ts';
import type { SensitiveSeed } from '../../src/platform/crypto/plain-columns.ts';
import { startTwilioDouble, type TwilioDouble } from '../doubles/twilio.double.ts';
import { runCommand, signInHttp, startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

// SQLite only by nature: its data directory is the whole deployment's data (database, write-ahead
// log, the backups docs/self-hosting.md makes, the log). PostgreSQL keeps its files in its own cluster.

/** Values filed through the real API in the first run (stopped with SIGTERM), by where they go in. */
const FIRST = {
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
};

/** Filed in the second run, which is killed (SIGKILL) at once so its write-ahead log stays behind. */
const SECOND = {
  locationText: '6021 Sorrel Way, Minneapolis',
  point: { lat: 44.9316642, lng: -93.2533079 },
  description: 'Cold-copy WAL: agents going into the apartments behind the clinic',
};

/** The extras as values to look for. */
const EXTRAS: SensitiveSeed = {
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
    { kind: 'address', value: SECOND.locationText },
    { kind: 'description', value: SECOND.description },
  ],
  points: [FIRST.pinned.point, FIRST.site.point, SECOND.point],
};

/** Plain by design (a public name) and seeded: proves the search reads the files it should. */
const CONTROL = 'Twin Cities Rapid Response';

/** How far apart (bytes) a point's latitude and longitude may lie and still count as that point. */
const POINT_WINDOW = 256;

/** One thing to look for, and the byte strings that would give it away. */
interface Needle {
  label: string;
  /** What was seeded, to name the columns that hold it. */
  seeded?: { text: string } | { lat: number; lng: number };
  /** Any of these bytes, anywhere. */
  any?: Buffer[];
  /** A pair of [latitude, longitude] encodings found within POINT_WINDOW of each other. */
  pairs?: [Buffer, Buffer, { digits: boolean }][];
}

function needlesOf(seed: SensitiveSeed): Needle[] {
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The database's columns holding a seeded value (a text containing it; for a point, a column
 * equal to its latitude or containing it as text, so the gazetteer's outlines show up beside the
 * real holder), read from a copy of the database and its log so the data directory stays as it
 * was left. A hint for whoever reads a failure; whether a value leaks is the byte search's call.
 */
function columnFinder(dbPath: string, scratch: string): (seeded: NonNullable<Needle['seeded']>) => string[] {
  for (const suffix of ['', '-wal'])
    if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, join(scratch, `copy.db${suffix}`));
  const db = new SQLite(join(scratch, 'copy.db'));
  const columns = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).flatMap((t) =>
    (db.prepare(`pragma table_info("${t.name}")`).all() as { name: string }[]).map((c) => ({ table: t.name, column: c.name })),
  );
  return (seeded) =>
    columns
      .filter(({ table, column }) => {
        const [where, value] =
          'text' in seeded
            ? [`instr(cast("${column}" as text), ?) > 0`, seeded.text]
            : [`("${column}" = ? or instr(cast("${column}" as text), '${seeded.lat}') > 0)`, seeded.lat];
        return db.prepare(`select 1 from "${table}" where ${where} limit 1`).get(value) !== undefined;
      })
      .map(({ table, column }) => `${table}.${column}`);
}

/** Each needle found, with the files (relative to the data directory) it was found in, and the columns: one line each. */
function searchDataDir(dir: string, needles: Needle[], columnsOf?: ReturnType<typeof columnFinder>): string[] {
  const files = filesUnder(dir).map((f) => ({ name: relative(dir, f), bytes: readFileSync(f) }));
  return needles.flatMap((n) => {
    const where = files.filter((f) => found(f.bytes, n)).map((f) => f.name);
    const cols = where.length && columnsOf && n.seeded ? columnsOf(n.seeded) : [];
    return where.length ? [`${n.label} in ${where.join(', ')}${cols.length ? ` [${cols.join(', ')}]` : ''}`] : [];
  });
}

describe('a cold copy of the data directory (database, write-ahead log, backups, log), without the key', () => {
  let dataDir: string;
  let keyDir: string;
  let twilio: TwilioDouble;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  const dbFile = () => join(dataDir, 'switchboard.db');
  const logFile = () => join(dataDir, 'switchboard.log');
  let backupNote = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-cold-data-'));
    // The key lives on another mount in a real deployment: never inside the data directory.
    keyDir = mkdtempSync(join(tmpdir(), 'sb-cold-key-'));
    twilio = await startTwilioDouble();
    env = {
      DATABASE_URL: `file:${dbFile()}`,
      SWITCHBOARD_KEY_FILE: writeKey(keyDir),
      // As a deployment runs: the default log level, not the harness's quiet one.
      LOG_LEVEL: 'info',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: DEMO_HOTLINE,
      TWILIO_API_BASE: twilio.apiBase,
    };
  }, 30_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await twilio?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('holds none of the seeded names, emails, addresses, descriptions, contact or points', async () => {
    // The demo, seeded by its own command (which prints the logins to the operator's terminal, not the log).
    const seeded = await runCommand(['demo', 'seed'], env);
    expect(seeded.code, seeded.output).toBe(0);

    server = await startServer('serve', env, { logFile: logFile() });
    const { url } = server;
    // Against whichever server runs now (the second run listens on another port).
    const json = async (method: string, path: string, body?: unknown, cookie?: string) => {
      const base = server!.url;
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { origin: base, ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${answer}`);
      return answer ? JSON.parse(answer) : undefined;
    };
    const api = `/api/v1/networks/${DEMO_SLUG}`;

    // Reports through the web app's API: a typed address and no point, then a point.
    await json('POST', `${api}/reports`, {
      category: 'other',
      ...FIRST.typed,
    });
    await json('POST', `${api}/reports`, { category: 'other', ...FIRST.pinned });
    // The public page without JavaScript.
    const form = await fetch(`${url}/r/${DEMO_SLUG}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        category: 'other',
        ...FIRST.form,
      }).toString(),
    });
    expect(form.status, await form.text()).toBe(200);
    // An SMS through the Twilio webhook, signed as Twilio signs (the receipt is the TwiML answer).
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
    expect(smsRes.status, await smsRes.text()).toBe(200);

    // A new member through an invitation, a site with an address and a training session's place.
    const coordinator = await signInHttp(url, 'coordinator@demo.switchboard.local', DEMO_PASSWORD);
    const { organizations } = await json('GET', `${api}/organizations`, undefined, coordinator);
    const org = organizations.find((o: { name: string }) => o.name === 'Unidos Immigrant Rights Center');
    const { token } = await json('POST', `${api}/organizations/${org.id}/invitations`, { roles: ['responder'] }, coordinator);
    await json('POST', `/api/v1/invitations/${token}/accept`, {
      email: FIRST.member.email,
      password: 'cold-copy-password-2026',
      displayName: FIRST.member.name,
      language: 'en',
    });
    await json(
      'POST',
      `${api}/sites`,
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
    const { courses } = await json('GET', `${api}/training/courses`, undefined, trainer);
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await json(
      'POST',
      `${api}/training/sessions`,
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
    // The documented backup, taken while serving (docs/self-hosting.md, "Backups and restore").
    mkdirSync(join(dataDir, 'backups'));
    const backup = join(dataDir, 'backups', `switchboard-${new Date().toISOString().slice(0, 10)}.db`);
    const cli = spawnSync('sqlite3', [dbFile(), `.backup ${backup}`], { encoding: 'utf8' });
    if (cli.error) {
      // No sqlite3 command on this machine (.ci/run installs it): the same online backup API through better-sqlite3.
      backupNote = 'backup made with better-sqlite3 .backup(): the sqlite3 command is not installed';
      const handle = new SQLite(dbFile(), { readonly: true });
      await handle.backup(backup);
      handle.close();
    } else expect(cli.status, cli.stderr).toBe(0);

    await server.kill('SIGTERM');

    // A second run, killed outright: what it wrote stays in the write-ahead log.
    server = await startServer('serve', env, { logFile: logFile() });
    await json('POST', `${api}/reports`, {
      category: 'other',
      ...SECOND,
    });
    await server.kill('SIGKILL');
    server = undefined;

    // The files really are there, and the search reads them: the control is found in each copy.
    const files = filesUnder(dataDir).map((f) => relative(dataDir, f));
    expect(files).toEqual(expect.arrayContaining(['switchboard.db', 'switchboard.db-wal', 'switchboard.log']));
    expect(statSync(backup).size).toBeGreaterThan(0);
    expect(statSync(logFile()).size).toBeGreaterThan(0);
    expect(searchDataDir(dataDir, [{ label: 'control', any: [Buffer.from(CONTROL)] }])).toEqual([
      expect.stringMatching(/backups\/switchboard-.*\.db.*switchboard\.db/),
    ]);

    const needles = needlesOf({
      texts: [...demoSensitiveValues().texts, ...EXTRAS.texts],
      points: [...demoSensitiveValues().points, ...EXTRAS.points],
    });
    const leaks = searchDataDir(dataDir, needles, columnFinder(dbFile(), keyDir));
    expect(leaks, `seeded values readable without the key (${files.join(', ')}${backupNote ? `; ${backupNote}` : ''})`).toEqual(
      [],
    );
  }, 180_000);
});
