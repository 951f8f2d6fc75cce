// Builds the Prisma client for the selected provider over its driver adapter (no query-engine
// binary). Both clients are generated from the same models, so they share one API; `Db` is
// that API, written once against the SQLite client's types.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { sqliteFilePath, type StoreKind } from './database-url';

export type Db = SqliteClient;
export type { Prisma } from './generated/sqlite/client';

export interface ClientOptions {
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** SQLite `synchronous` pragma: FULL (default) fsyncs every commit; NORMAL is faster, crash-safe but not power-loss-safe. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** Opens a client; for SQLite also sets the pragmas that make concurrent writers behave. */
export async function createPrismaClient(kind: StoreKind, url: string | undefined, options: ClientOptions = {}): Promise<Db> {
  if (kind === 'postgresql') {
    const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
    // Same models, same generated API: the PostgreSQL client is used through the shared type.
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 });
  const db = withBusyRetry(new SqliteClient({ adapter }));
  // WAL lets readers run beside the single writer; busy_timeout makes a second process wait
  // for the write lock instead of failing at once.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  await db.$executeRawUnsafe('PRAGMA busy_timeout = 10000');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** Attempts of one operation that SQLite answered "busy" before the error is passed on. */
const BUSY_ATTEMPTS = 8;

/** SQLITE_BUSY as Prisma reports it (the adapter maps it to P1008 "Operation has timed out"). */
export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'P1008' || (typeof e?.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message));
}

/**
 * Retries an operation SQLite refused as busy. busy_timeout makes a connection WAIT for the
 * write lock, except in one case: a transaction that has already read (Prisma's upsert reads,
 * then writes) and then needs the lock while another connection holds it gets SQLITE_BUSY at
 * once — waiting could deadlock. The SQLite writer thread (sqlite-writer.ts) holds the lock
 * for each group commit, so under load Prisma's read-then-write operations met it often
 * enough to fail a request. The failed operation rolled back whole; running it again, after a
 * few milliseconds, is safe. (Interactive transactions that read first take the lock with a
 * write up front instead; see ChannelRepository.upsert.)
 */
function withBusyRetry(client: SqliteClient): SqliteClient {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        for (let attempt = 1; ; attempt++) {
          try {
            return await query(args);
          } catch (error) {
            if (!isSqliteBusy(error) || attempt >= BUSY_ATTEMPTS) throw error;
            // 2, 4, 8 … ms (capped at 100), jittered so two waiting operations do not collide again.
            const delay = Math.min(100, 2 ** attempt) * (0.5 + Math.random());
            await new Promise((resolve) => setTimeout(resolve, delay));
          }
        }
      },
    },
  }) as unknown as SqliteClient;
}
