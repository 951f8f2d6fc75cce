// A test database that can be made unavailable on demand, the way each provider fails in
// production: PostgreSQL through a TCP proxy (test/support/tcp-proxy.ts) that refuses new
// connections and cuts the open ones; SQLite by another process holding the write lock
// (test/support/sqlite-locker.ts). The shared PostgreSQL server itself is never touched.
import type { StoreKind } from '../../src/store/database-url';
import { createTestDatabase, type TestDatabase } from './databases';
import { lockSqliteFromAnotherProcess, type SqliteLock } from './sqlite-locker';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface Outage {
  /** What `begin` does, for test names and figures. */
  readonly description: string;
  /** Makes the database unavailable to the app; resolves once it is. */
  begin(): Promise<void>;
  /** Makes it available again. */
  end(): Promise<void>;
  /** True between begin() and end(). */
  readonly active: boolean;
  /** PostgreSQL: the proxy (e.g. for its other failure modes). */
  readonly proxy?: TcpProxy;
}

export interface OutageDatabase {
  /** The database as the app should see it (PostgreSQL: through the proxy). */
  database: TestDatabase;
  /** The same database reached directly (for checks made while the app's way in is down). */
  directUrl: string;
  outage: Outage;
}

export const OUTAGE_DESCRIPTION: Record<StoreKind, string> = {
  sqlite: 'SQLite write-locked by another process',
  postgresql: 'PostgreSQL refusing connections',
};

/** A fresh database of `kind`, with an outage switch; drop() ends any outage and drops it. */
export async function createOutageDatabase(kind: StoreKind): Promise<OutageDatabase> {
  const real = await createTestDatabase(kind);
  if (kind === 'sqlite') {
    let lock: SqliteLock | undefined;
    const outage: Outage = {
      description: OUTAGE_DESCRIPTION.sqlite,
      get active() {
        return lock !== undefined;
      },
      async begin() {
        lock ??= await lockSqliteFromAnotherProcess(real.url);
      },
      async end() {
        const held = lock;
        lock = undefined;
        await held?.release();
      },
    };
    return {
      database: {
        ...real,
        async drop() {
          await outage.end();
          await real.drop();
        },
      },
      directUrl: real.url,
      outage,
    };
  }
  const target = new URL(real.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const outage: Outage = {
    description: OUTAGE_DESCRIPTION.postgresql,
    proxy,
    get active() {
      return proxy.mode !== 'forward';
    },
    begin: () => proxy.refuse(),
    end: () => proxy.restore(),
  };
  return {
    database: {
      kind,
      url: proxy.urlFor(real.url),
      async drop() {
        await proxy.close();
        await real.drop();
      },
    },
    directUrl: real.url,
    outage,
  };
}
