// A SQLite outage as another process makes one: a separate Node process opens the database
// file and holds BEGIN EXCLUSIVE (in WAL mode: the write lock; readers go on) until released
// or until `holdMs` has passed. The app's writes then wait for the lock, and past its lock
// wait fail as store_unavailable.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { sqliteFilePath } from '../../src/store/database-url';

const require = createRequire(import.meta.url);

export interface SqliteLock {
  /** Resolves once the lock is released (by release() or when holdMs ran out) and the process exited. */
  readonly released: Promise<void>;
  /** Commits the empty transaction (releasing the lock) and ends the process. */
  release(): Promise<void>;
}

const HOLDER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 30000 });
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
const release = () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); };
setTimeout(release, Number(process.argv[3]));
process.stdin.on('data', release);
process.stdin.on('end', release);
`;

/** Takes SQLite's write lock on the database `url` names from another process; resolves once it holds it. */
export async function lockSqliteFromAnotherProcess(url: string, holdMs = 60_000): Promise<SqliteLock> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HOLDER, require.resolve('better-sqlite3'), sqliteFilePath(url), String(holdMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the SQLite lock holder exited (${code}) before it held the lock`)));
  });
  return {
    released: exited,
    async release() {
      if (child.exitCode === null) child.stdin!.end();
      await exited;
    },
  };
}
