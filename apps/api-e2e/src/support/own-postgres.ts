import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@loyalty/testing';

/** A PostgreSQL server of the test's own, on a free port, that the test may stop and restart. */
export interface OwnPostgres {
  port: number;
  /** The URL of `database` on this server (user postgres, trust auth). */
  url(database: string): string;
  /** Creates `database` (empty). */
  createDatabase(database: string): void;
  /** A fast shutdown (sessions are cut, every committed transaction is kept), then a start. */
  restart(gapMs: number): Promise<void>;
  stop(): void;
}

/** The PostgreSQL binaries of the newest installed major version (Debian's layout). */
function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root)
    .filter((entry) => existsSync(join(root, entry, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root}`);
  return join(root, versions[0], 'bin');
}

/**
 * Starts a new cluster in a temporary directory (quality.md §3: a test that restarts a service
 * runs its own). PostgreSQL refuses to run as root, so under root the cluster belongs to the
 * `postgres` user and its commands run as that user.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binaries();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, command),
      asRoot ? ['-u', 'postgres', '--', join(bin, command), ...args] : args,
      {
        stdio: 'pipe',
      },
    );
  const dir = mkdtempSync(join(tmpdir(), 'own-pg-'));
  if (asRoot) {
    const { uid, gid } = {
      uid: Number(execFileSync('id', ['-u', 'postgres'])),
      gid: Number(execFileSync('id', ['-g', 'postgres'])),
    };
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args]);
  ctl('-o', options, 'start');
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase: (database) =>
      run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `create database "${database}"`]),
    async restart(gapMs) {
      ctl('-m', 'fast', 'stop');
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      ctl('-o', options, 'start');
    },
    stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
