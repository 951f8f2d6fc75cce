// Builds the Prisma client for the selected provider over its driver adapter (no query-engine
// binary). Both clients are generated from the same models, so they share one API; `Db` is
// that API, written once against the SQLite client's types.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { sqliteFilePath, type StoreKind } from './database-url';
import { classifyStoreError } from './errors';

export type Db = SqliteClient;
export type { Prisma } from './generated/sqlite/client';

export interface ClientOptions {
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** SQLite `synchronous` pragma: FULL (default) fsyncs every commit; NORMAL is faster, crash-safe but not power-loss-safe. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /**
   * SQLite: longest a Prisma operation waits for the write lock another connection holds
   * (default PRISMA_LOCK_WAIT_MS) before it fails as StoreUnavailable.
   */
  lockWaitMs?: number;
}

/**
 * SQLite: how long a group commit (the Slack event hot path, sqlite-writer.ts) waits for the
 * write lock before the store counts as unavailable: under Slack's 3-second deadline, so an
 * event meeting a lock held by another process (a backup, a long CLI transaction) is answered
 * 503 and redelivered, rather than answered after Slack stopped waiting.
 */
export const LOCK_WAIT_MS = 2_500;

/**
 * SQLite: how long any other write (Prisma's, on the main thread) waits for the lock, as
 * retries that leave the event loop free. Longer than LOCK_WAIT_MS: another process's
 * transaction can hold the lock for seconds on a loaded machine, and these writes have no
 * caller with a 3-second deadline.
 */
export const PRISMA_LOCK_WAIT_MS = 10_000;

/**
 * The main thread's busy_timeout. better-sqlite3 is synchronous: while it waits for a lock the
 * whole event loop waits with it. So it waits briefly, and longer waits are retries spaced by
 * timers (withStoreErrors), which leave the loop free.
 */
const MAIN_THREAD_BUSY_TIMEOUT_MS = 25;

/**
 * Opens a client; for SQLite also sets the pragmas that make concurrent writers behave.
 * Connection-level failures of either driver are raised as StoreUnavailableError (errors.ts).
 */
export async function createPrismaClient(kind: StoreKind, url: string | undefined, options: ClientOptions = {}): Promise<Db> {
  if (kind === 'postgresql') {
    const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
    // Same models, same generated API: the PostgreSQL client is used through the shared type.
    return withStoreErrors(new PostgresClient({ adapter }) as unknown as SqliteClient);
  }
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: MAIN_THREAD_BUSY_TIMEOUT_MS });
  const db = withStoreErrors(new SqliteClient({ adapter }), options.lockWaitMs ?? PRISMA_LOCK_WAIT_MS);
  // WAL lets readers run beside the single writer; busy_timeout makes a connection wait for
  // the write lock briefly instead of failing at once (longer waits: withStoreErrors' retries).
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  await db.$executeRawUnsafe(`PRAGMA busy_timeout = ${MAIN_THREAD_BUSY_TIMEOUT_MS}`);
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** SQLITE_BUSY as Prisma reports it (the adapter maps it to P1008 "Operation has timed out"). */
export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'P1008' || (typeof e?.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message));
}

/**
 * Raises connection-level failures as StoreUnavailableError, from every operation and from
 * starting a transaction ($transaction cannot be overridden by an extension, hence the proxy).
 *
 * SQLite (`busyRetryMs`): first retries an operation SQLite refused as busy, for up to that
 * long in all. Two cases: the lock was held past the main thread's short busy_timeout (by the
 * writer thread's group commit, or by another process); or a transaction that has already read
 * (Prisma's upsert reads, then writes) needed the lock while another connection held it, which
 * SQLite refuses at once (waiting could deadlock). The SQLite writer thread (sqlite-writer.ts)
 * holds the lock for each group commit, so under load Prisma's read-then-write operations met it
 * often enough to fail a request. The failed operation rolled back whole; running it again,
 * after a few milliseconds, is safe. (Interactive transactions that read first take the lock
 * with a write up front instead; see ChannelRepository.upsert.) Past `busyRetryMs` the busy
 * error is the store being unavailable. (One extension: of two chained ones, the first added
 * would see the other's converted error, not SQLite's.)
 */
function withStoreErrors<C extends SqliteClient>(client: C, busyRetryMs?: number): Db {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        const deadline = Date.now() + (busyRetryMs ?? 0);
        for (let attempt = 1; ; attempt++) {
          try {
            return await query(args);
          } catch (error) {
            if (busyRetryMs === undefined || !isSqliteBusy(error) || Date.now() >= deadline) throw classifyStoreError(error);
            // 2, 4, 8 … ms (capped at 100), jittered so two waiting operations do not collide again.
            const delay = Math.min(100, 2 ** attempt) * (0.5 + Math.random());
            await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(1, deadline - Date.now()))));
          }
        }
      },
    },
  }) as unknown as Db;
  const transaction = ((...args: unknown[]) =>
    (extended.$transaction as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
      throw classifyStoreError(error);
    })) as Db['$transaction'];
  return new Proxy(extended, {
    get: (target, property) => (property === '$transaction' ? transaction : Reflect.get(target, property)),
  });
}
