import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrator.ts';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo, type DemoLogin } from './demo/demo-seed.ts';
import { DemoOutbox } from './platform/demo-outbox.ts';
import { serve } from './main.ts';
import { createAccount, findAccountByEmail } from './modules/identity/index.ts';
import { createNetwork, findNetworkBySlug, grantAdmin } from './modules/networks/index.ts';
import { initPassphrase, keyMatches } from './platform/crypto/key-binding.ts';
import { unsealAtStart, type StartPrompt } from './modules/system/index.ts';
import { encryptedColumns, purgeAll, sealPlaintextAll } from './modules.ts';
import { verifyAudit, type AuditVerification } from './platform/audit/audit.ts';
import { closeDeps, createDeps } from './bootstrap.ts';
import type { Deps } from './platform/context.ts';
import { Keyring, readKeyFile, writeNewKeyFile } from './platform/crypto/keyring.ts';
import { reencryptAll } from './platform/crypto/rotation.ts';

const HELP = `Usage: switchboard <command> [options]

  serve                              migrate and start the server
  migrate                            apply database migrations
  admin create --email E --network SLUG [--name NAME] [--network-name NAME] [--password P]
                                     create (or promote) a network admin; creates the network if new
  demo seed                          add the demo network "twin-cities" with people in every role
  demo-start                         migrate, seed the demo, and serve (the README's first command)
  purge                              apply retention now: delete expired reports, blur old incident locations
  audit verify                       check the hash-chained audit log; exits 1 if it was tampered with
  keys init [--file PATH]            create a new master key file (keep it off the data disk)
  keys init --passphrase             derive the master key from a passphrase typed at the prompt
  keys rotate --file NEW_PATH        make a new key, re-encrypt every field under it (server stopped);
                                     or set SWITCHBOARD_PREVIOUS_KEY_FILE and let the server do it in the background
  keys seal                          encrypt plaintext written before its columns were encrypted (the server
                                     also does it in the background once unsealed)

Configuration comes from environment variables; see the README.`;

async function withDatabase<T>(config: Config, work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database.db, database.dialect);
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * Ask for a secret at the terminal without echoing it: the prompt is written, then
 * everything readline would echo is swallowed until Enter. Streams are injectable
 * so a test can type into it and read what was shown.
 */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadableStream = process.stdin,
  shown: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const { Writable } = await import('node:stream');
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) shown.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input, output, terminal: true });
  shown.write(prompt);
  muted = true;
  try {
    return (await rl.question('')).trim();
  } finally {
    rl.close();
    shown.write('\n');
  }
}

/** The terminal as `serve` uses it to ask for the passphrase. */
function terminalPrompt(): StartPrompt {
  return { interactive: Boolean(process.stdin.isTTY), askSecret: (p) => readSecret(p), say: (line) => console.error(line) };
}

/**
 * Open everything `serve` needs; without a key file, ask for the passphrase when
 * someone is at the terminal, else start sealed.
 */
export async function depsForServe(config: Config, prompt: StartPrompt): Promise<Deps> {
  const deps = await createDeps(config);
  if (!config.keyFile) await unsealAtStart(deps, prompt);
  return deps;
}

/** Run one CLI command; returns the exit code. */
export async function runCli(argv: string[], config: Config = loadConfig()): Promise<number> {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(sub && !sub.startsWith('--') ? 2 : 1),
    options: {
      email: { type: 'string' },
      network: { type: 'string' },
      name: { type: 'string' },
      'network-name': { type: 'string' },
      password: { type: 'string' },
      file: { type: 'string' },
      passphrase: { type: 'boolean' },
    },
    strict: true,
  });

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'serve':
      await serve(config, await depsForServe(config, terminalPrompt()));
      return -1; // keeps running
    case 'migrate': {
      const database = openDatabase(config.databaseUrl);
      const ran = await migrate(database.db, database.dialect).finally(() => database.close());
      console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    case 'admin create': {
      if (!values.email || !values.network) {
        console.error('admin create needs --email and --network');
        return 2;
      }
      const deps = await createDeps(config);
      try {
        const email = values.email.trim().toLowerCase();
        const network =
          (await findNetworkBySlug(deps.database.db, values.network)) ??
          (await createNetwork(deps, {
            slug: values.network,
            name: values['network-name'] ?? values.network,
            timeZone: 'America/Chicago',
          }));
        const password = values.password ?? randomBytes(12).toString('base64url');
        const existing = await findAccountByEmail(deps.database.db, deps.keyring, email);
        const accountId =
          existing?.id ??
          (await createAccount(deps, { email, password, displayName: values.name ?? email.split('@')[0], language: 'en' }));
        // Both grants are audited (no actor, via the CLI) in one transaction.
        await grantAdmin(deps, { networkId: network.id, accountId, deploymentAdmin: true, via: 'cli' });
        console.log(
          existing
            ? `${email} is now an admin of ${network.slug}.`
            : `Created ${email} as admin of ${network.slug}. Password: ${password}`,
        );
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'demo seed': {
      const deps = await createDeps(config);
      try {
        printLogins(await seedDemo(deps), config);
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'demo-start': {
      // The demo keeps its key beside the checkout but outside the data directory,
      // as a real deployment would keep it on another mount.
      const keyFile = config.keyFile ?? resolve('.switchboard-demo/master.key');
      if (!existsSync(keyFile)) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeNewKeyFile(keyFile);
      }
      const demoConfig = Object.freeze({ ...config, keyFile });
      const deps = await createDeps(demoConfig);
      // Only here, in the demo: with neither SMTP_URL nor Twilio, email and SMS go to an in-memory
      // sink an admin reads at /n/<slug>/demo-outbox. `serve` never makes one, so a real server
      // without a provider still refuses those channels.
      deps.demoOutbox = demoOutboxFor(demoConfig);
      const logins = await seedDemo(deps);
      await serve(demoConfig, deps);
      printLogins(logins, demoConfig, deps.demoOutbox);
      return -1;
    }
    case 'purge': {
      const deps = await createDeps(config);
      try {
        const r = await purgeAll(deps);
        console.log(
          `Deleted ${r.reportsDeleted} reports, blurred ${r.incidentsCoarsened} incident locations, dropped ${r.outboxDeleted} delivered notifications.`,
        );
        console.log(`Deleted ${r.auditDeleted} audit log entries past the shortest audit retention.`);
        console.log(`Deleted ${r.unconfirmedSubscriptionsDeleted} alert subscriptions never confirmed.`);
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'audit verify': {
      const result = await withDatabase(config, async (d) =>
        verifyAudit(d.db, { keyring: await verifierKeyring(d.db, config), exportFile: config.auditExportFile }),
      );
      for (const line of describeVerification(result)) (result.ok ? console.log : console.error)(line);
      return result.ok ? 0 : 1;
    }
    case 'keys init': {
      if (values.passphrase) {
        const first = await readSecret('Passphrase: ');
        if (first.length < 16) {
          console.error('Use a passphrase of at least 16 characters.');
          return 2;
        }
        if ((await readSecret('Again: ')) !== first) {
          console.error('The passphrases differ.');
          return 2;
        }
        await withDatabase(config, (d) => initPassphrase(d.db, new Keyring(), first));
        console.log(
          'Passphrase set. Start the server without SWITCHBOARD_KEY_FILE: it asks for the passphrase at the terminal, or starts sealed and a deployment admin unseals it at /unseal.',
        );
        return 0;
      }
      const file = values.file ?? config.keyFile;
      if (!file) {
        console.error('keys init needs --file PATH or SWITCHBOARD_KEY_FILE');
        return 2;
      }
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeNewKeyFile(file);
      console.log(`Wrote a new master key to ${file}. Keep it off the data disk and back it up separately.`);
      return 0;
    }
    case 'keys seal': {
      if (!config.keyFile) {
        console.error('keys seal needs SWITCHBOARD_KEY_FILE');
        return 2;
      }
      const deps = await createDeps(config);
      try {
        console.log(`Sealed ${await sealPlaintextAll(deps)} rows written before their columns were encrypted.`);
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'keys rotate': {
      if (!config.keyFile || !values.file) {
        console.error('keys rotate needs SWITCHBOARD_KEY_FILE (the current key) and --file NEW_PATH');
        return 2;
      }
      mkdirSync(dirname(resolve(values.file)), { recursive: true });
      writeNewKeyFile(values.file);
      const deps = await createDeps(Object.freeze({ ...config, keyFile: values.file, previousKeyFile: config.keyFile }));
      try {
        const n = await reencryptAll(deps.database.db, deps.keyring, encryptedColumns());
        await sealPlaintextAll(deps);
        console.log(
          `Re-encrypted ${n} fields under the new key in ${values.file}. Point SWITCHBOARD_KEY_FILE at it and destroy the old key once backups made with it have expired.`,
        );
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    default:
      console.log(HELP);
      // Asking for help succeeds; an unknown command is a usage error.
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

/**
 * The key `audit verify` checks signed checkpoints with: the key file (and the previous one,
 * during rotation) when it is this database's key; otherwise a sealed keyring, and verify says
 * the signatures went unchecked.
 */
async function verifierKeyring(db: ReturnType<typeof openDatabase>['db'], config: Config): Promise<Keyring> {
  const keyring = new Keyring();
  if (!config.keyFile) return keyring;
  keyring.load(readKeyFile(config.keyFile));
  if (config.previousKeyFile) keyring.addPrevious(readKeyFile(config.previousKeyFile));
  if (!(await keyMatches(db, keyring)))
    throw new Error(`The key in ${config.keyFile} is not the key this database was created with.`);
  return keyring;
}

/** What `audit verify` prints. */
export function describeVerification(r: AuditVerification): string[] {
  const lines = r.ok
    ? [`Audit log intact: ${r.entries} entries.`]
    : [`Audit log BROKEN at entry ${r.brokenAt}: ${r.reason}${r.source ? ` (${r.source})` : ''}.`];
  const c = r.checkpoints;
  if (c && !c.checked) lines.push(`Signed checkpoints NOT checked: ${c.note}. Set SWITCHBOARD_KEY_FILE to check them.`);
  else if (c) {
    lines.push(
      c.newestSeq === undefined
        ? 'No signed checkpoint.'
        : `Newest signed checkpoint: entry ${c.newestSeq} at ${c.newestAt}; ${c.unsignedEntries} newer entries not yet signed.`,
    );
    if (c.exportLines > 0)
      lines.push(
        `Export file: ${c.exportLines} checkpoints${c.retiredKeyLines ? `, ${c.retiredKeyLines} under a retired key (not checked)` : ''}.`,
      );
  }
  return lines;
}

/**
 * The demo's sink, when the demo has no email or SMS provider at all. Once either SMTP_URL
 * or Twilio is set the operator is testing real delivery (the e2e runner sets SMTP_URL),
 * so there is no sink and a channel left unconfigured is refused as on any server.
 */
export function demoOutboxFor(config: Config): DemoOutbox | undefined {
  if (config.smtp || config.twilio) return undefined;
  return new DemoOutbox(new Set(['email', 'sms']));
}

function printLogins(logins: DemoLogin[], config: Config, demoOutbox?: DemoOutbox): void {
  const base = config.publicUrl;
  console.log(`\nSwitchboard demo is at ${base}  (network: ${DEMO_SLUG})`);
  console.log(`  Report page (public)     ${base}/r/${DEMO_SLUG}`);
  console.log(`  Alerts page (public)     ${base}/n/${DEMO_SLUG}/alerts`);
  console.log(`  Dispatch console         ${base}/n/${DEMO_SLUG}/dispatch`);
  if (demoOutbox)
    console.log(`  Demo outbox (admin)      ${base}/n/${DEMO_SLUG}/demo-outbox   (email and SMS land here, in memory only)`);
  console.log(`Every demo login uses the password: ${DEMO_PASSWORD}`);
  for (const l of logins) console.log(`  ${l.email.padEnd(42)} ${l.language.padEnd(4)} ${l.role}`);
  console.log('');
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
