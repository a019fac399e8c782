import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** A throwaway PostgreSQL cluster on a free loopback port. */
export interface TestCluster {
  url: string;
  /** The directory holding the cluster's files (data/, server.log): what a seized disk holds. */
  dir: string;
  /** The PostgreSQL binaries it runs (pg_dump, pg_restore beside initdb). */
  bin: string;
  stop(): void;
  /** Shut down cleanly (checkpoint, then exit), keeping every file for inspection; stop() still removes them. */
  halt(): void;
  /** SIGKILL the postmaster, as a crash or an OOM kill would (its backends exit on their own). */
  killPostmaster(): void;
  /** Start it again on the same data directory and port, once the old backends have gone. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * initdb + pg_ctl start from the local binaries. As root, PostgreSQL refuses to run,
 * so the cluster belongs to the `postgres` system user (created if missing).
 */
export async function startTestCluster(options: { durable?: boolean } = {}): Promise<TestCluster> {
  const bin = PG_BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql), or set TEST_DATABASE_URL');
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  chmodSync(dataDir, 0o777);
  const pgdata = join(dataDir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const hasUser = spawnSync('id', ['postgres']).status === 0;
    if (!hasUser) execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  run('initdb', ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      pgdata,
      '-l',
      join(dataDir, 'server.log'),
      '-w',
      '-t',
      '30',
      // Tests skip fsync for speed; durability benchmarks need it on (and synchronous_commit stays on).
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -k ${dataDir} -c fsync=${options.durable ? 'on' : 'off'} -c max_connections=300`,
      'start',
    ]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir: dataDir,
    bin,
    halt: () => run('pg_ctl', ['-D', pgdata, '-m', 'fast', '-w', 'stop']),
    stop: () => {
      try {
        run('pg_ctl', ['-D', pgdata, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    killPostmaster: () => {
      // The first line of postmaster.pid is the postmaster's process id.
      const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
    },
    restart: async () => {
      // Orphaned backends hold the old shared memory until they notice and exit; until
      // then PostgreSQL refuses to start ("pre-existing shared memory block is still in use").
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          return start();
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
}
