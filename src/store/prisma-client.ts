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
  const db = new SqliteClient({ adapter });
  // WAL lets readers run beside the single writer; busy_timeout makes a second process wait
  // for the write lock instead of failing at once.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  await db.$executeRawUnsafe('PRAGMA busy_timeout = 10000');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}
