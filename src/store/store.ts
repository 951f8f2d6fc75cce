// The store: one object over the selected database, with a repository per kind of row.
// Everything above this folder talks to the database only through it.
import type { ActivityRegistry } from '../activities/registry';
import { sqliteFilePath, storeKindOf, type StoreKind } from './database-url';
import { SqliteWriter } from './sqlite-writer';
import { ActivityWriteBatcher } from './activity-write-batcher';
import { migrate, type MigrationResult } from './migrate';
import { createPrismaClient, type ClientOptions, type Db } from './prisma-client';
import { ActivityReads } from './activities/activity-reads';
import { ActivityRepository } from './repositories/activity-repository';
import { ApiKeyRepository } from './repositories/api-key-repository';
import { InstallationRepository } from './repositories/installation-repository';
import { ChannelRepository } from './repositories/channel-repository';
import { DeadLetterRepository } from './repositories/dead-letter-repository';
import { IdempotencyRepository } from './repositories/idempotency-repository';
import { MemberRepository } from './repositories/member-repository';
import { WorkspaceRepository } from './repositories/workspace-repository';

export interface Store {
  readonly kind: StoreKind;
  readonly db: Db;
  /** Writing activities. */
  readonly activities: ActivityRepository;
  /** Reading them (for the read use cases in src/queries/). */
  readonly activityReads: ActivityReads;
  /** Group-committing writer for the event hot path (see activity-write-batcher.ts). */
  readonly activityWriter: ActivityWriteBatcher;
  readonly members: MemberRepository;
  readonly channels: ChannelRepository;
  readonly workspaces: WorkspaceRepository;
  readonly deadLetters: DeadLetterRepository;
  readonly apiKeys: ApiKeyRepository;
  /** Installations through Slack's OAuth flow (none in single-token mode). */
  readonly installations: InstallationRepository;
  readonly idempotency: IdempotencyRepository;
  /**
   * Resolves when the database answers a trivial query and (SQLite) this process could take
   * the write lock now; fails with StoreUnavailableError otherwise.
   */
  ping(): Promise<void>;
  /** SQLite: a pragma's value on the group-commit writer's connection (what commits run with); undefined on PostgreSQL. */
  writerPragma(name: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface OpenStoreOptions extends ClientOptions {
  databaseUrl: string | undefined;
  registry: ActivityRegistry;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  onMigrated?: (result: MigrationResult) => void;
}

/** Opens the store DATABASE_URL names, applying pending migrations unless told not to. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const kind = storeKindOf(options.databaseUrl);
  if (kind instanceof Error) throw kind;
  if (options.migrate !== false) {
    // Not `onMigrated?.(await migrate(...))`: an absent callback would skip the migration too.
    const result = await migrate(kind, options.databaseUrl);
    options.onMigrated?.(result);
  }
  const db = await createPrismaClient(kind, options.databaseUrl, options);
  const path = kind === 'sqlite' ? sqliteFilePath(options.databaseUrl) : undefined;
  const sqliteWriter = path && path !== ':memory:' ? new SqliteWriter(path, options.sqliteSynchronous ?? 'FULL') : undefined;
  const activityReads = new ActivityReads(db, options.registry, kind);
  const activities = new ActivityRepository(db, options.registry, kind, activityReads, sqliteWriter);
  return {
    kind,
    db,
    activities,
    activityReads,
    activityWriter: new ActivityWriteBatcher(activities),
    members: new MemberRepository(db),
    channels: new ChannelRepository(db, kind),
    workspaces: new WorkspaceRepository(db),
    deadLetters: new DeadLetterRepository(db),
    apiKeys: new ApiKeyRepository(db),
    installations: new InstallationRepository(db, kind),
    idempotency: new IdempotencyRepository(db),
    async ping() {
      await db.$queryRawUnsafe('SELECT 1');
      // Under WAL, reads go on while another process holds the write lock: ask the writer.
      await sqliteWriter?.probe();
    },
    async writerPragma(name) {
      return sqliteWriter?.pragma(name);
    },
    async close() {
      await sqliteWriter?.close();
      await db.$disconnect();
    },
  };
}
