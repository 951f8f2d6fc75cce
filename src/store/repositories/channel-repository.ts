// Channels the bot has seen, whether each is collected, and admins' opt-ins for private ones.
import { isUniqueViolation } from '../errors';
import { channelRowId } from '../ids';
import { storableOrNull } from '../../storable';
import type { StoreKind } from '../database-url';
import type { Db, Prisma } from '../prisma-client';

export interface ChannelInfo {
  name?: string | null;
  isPrivate?: boolean;
  isArchived?: boolean;
  isShared?: boolean;
}

export type ChannelRow = Prisma.ChannelGetPayload<object>;

/** Public channels are collected by default; private ones only when an admin opts them in. */
export function isCollected(isPrivate: boolean, override: boolean | null): boolean {
  return override ?? !isPrivate;
}

/**
 * How stale a channel read on the event hot path may be. Changes made through this process
 * (renames, an admin's opt-in or opt-out) replace the cached row at once; a change made by
 * another process (the CLI, another replica) is seen within this time: cached rows are kept,
 * and once per CHANNEL_CACHE_MS one query asks which channels changed since the last time
 * (their updatedAt), and only those are read again. So the cost is one query a second,
 * however many channels are active (one query per channel per second, before, cost a third of
 * the throughput with 250 active channels in 50 workspaces: bench/ingest.ts --workspaces).
 */
export const CHANNEL_CACHE_MS = 1_000;
/**
 * Changes are asked for with this much overlap, because updatedAt is written by the clock of
 * the process that made the change: another replica's clock may be a little behind ours.
 */
const CLOCK_OVERLAP_MS = 10_000;
/**
 * A cached row is read again after this long whatever the changes say: a clock further off than
 * the overlap, or a row deleted by another process (deletions leave no updatedAt to find; the
 * CLI's `workspaces remove` deletes channels only of workspaces the app no longer collects).
 */
const CHANNEL_ROW_MAX_AGE_MS = 60_000;

/**
 * Runs a create-if-missing write again when it lost a race: Prisma's upsert reads, then inserts,
 * so two writers creating the same row both insert and one fails on the unique key. Run again,
 * it finds the row and updates it.
 */
async function retryingUniqueViolations<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}

export class ChannelRepository {
  private readonly cache = new Map<string, { row: ChannelRow | null; at: number }>();
  private readonly inflight = new Map<string, Promise<ChannelRow | null>>();
  /** Reads under way when a check found their channel changed: they may hold the old version, so they are not cached. */
  private readonly staleReads = new Set<string>();
  /** When the last read of the changes started: every change committed before then (less the overlap) is applied to the cache. */
  private changesReadAt = Date.now();
  private readingChanges: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly kind: StoreKind,
  ) {}

  /** Whether the cache has been checked against the store's changes within CHANNEL_CACHE_MS. */
  private changesAreRecent(now = Date.now()): boolean {
    return now - this.changesReadAt < CHANNEL_CACHE_MS;
  }

  /** Drops the cached rows of channels changed (by anyone) since the last check; one query, shared by concurrent callers. */
  private applyChanges(): Promise<void> {
    this.readingChanges ??= (async () => {
      const started = Date.now();
      try {
        const changed = await this.db.channel.findMany({
          where: { updatedAt: { gt: new Date(this.changesReadAt - CLOCK_OVERLAP_MS) } },
          select: { id: true, updatedAt: true },
        });
        for (const { id, updatedAt } of changed) {
          const cached = this.cache.get(id);
          // Kept when the cached row is this very version (no clock compared); a row cached as missing goes.
          if (cached && cached.row?.updatedAt.getTime() !== updatedAt.getTime()) this.cache.delete(id);
          // A read of it under way may have started before the change: its answer is used once, not kept
          // (a change written by a clock far behind ours may be reported by this check alone).
          if (this.inflight.has(id)) this.staleReads.add(id);
        }
        this.changesReadAt = started;
      } finally {
        this.readingChanges = undefined;
      }
    })();
    return this.readingChanges;
  }

  /** A cached row that may be used now, or undefined. */
  private usable(id: string, now: number): { row: ChannelRow | null } | undefined {
    const cached = this.cache.get(id);
    return cached && now - cached.at < CHANNEL_ROW_MAX_AGE_MS ? cached : undefined;
  }

  /** Caches a row as read at `at` (when its query started: a change committed meanwhile is then seen within CHANNEL_CACHE_MS). */
  private remember(id: string, row: ChannelRow | null, at = Date.now()): ChannelRow | null {
    this.cache.set(id, { row, at });
    if (this.cache.size > 50_000) this.cache.clear();
    return row;
  }

  /**
   * Creates or refreshes a channel; keeps an admin's override and recomputes isCollected. Safe
   * under concurrent callers and replicas (the first events in a new channel all create it).
   */
  async upsert(workspaceId: string, slackChannelId: string, info: ChannelInfo, fetchedAt?: Date): Promise<ChannelRow> {
    const id = channelRowId(workspaceId, slackChannelId);
    const row = await retryingUniqueViolations(() =>
      this.db.$transaction(async (tx) => {
        // SQLite: write first, so this transaction waits (busy_timeout) for the write lock before
        // it reads; a transaction that read first is refused the lock at once (see prisma-client.ts).
        if (this.kind === 'sqlite') await tx.$executeRawUnsafe('UPDATE "Channel" SET "id" = "id" WHERE 0');
        const existing = await tx.channel.findUnique({ where: { id } });
        const isPrivate = info.isPrivate ?? existing?.isPrivate ?? false;
        const data = {
          // A name from the Web API, whatever it holds, must not stop the channel being stored.
          ...(info.name !== undefined ? { name: storableOrNull(info.name) } : {}),
          ...(info.isArchived !== undefined ? { isArchived: info.isArchived } : {}),
          ...(info.isShared !== undefined ? { isShared: info.isShared } : {}),
          ...(fetchedAt ? { infoFetchedAt: fetchedAt } : {}),
          isPrivate,
          isCollected: isCollected(isPrivate, existing?.collectOverride ?? null),
        };
        return tx.channel.upsert({ where: { id }, create: { id, workspaceId, slackChannelId, ...data }, update: data });
      }),
    );
    return this.remember(id, row) as ChannelRow;
  }

  /** A channel row as stored now. */
  async get(workspaceId: string, slackChannelId: string): Promise<ChannelRow | null> {
    const id = channelRowId(workspaceId, slackChannelId);
    return this.remember(id, await this.db.channel.findUnique({ where: { id } }));
  }

  /**
   * getRecent's answer when it needs no query (a cached row, the changes checked under
   * CHANNEL_CACHE_MS ago; null when the channel is known not to be stored), else undefined.
   */
  peekRecent(workspaceId: string, slackChannelId: string): ChannelRow | null | undefined {
    const now = Date.now();
    return this.changesAreRecent(now) ? this.usable(channelRowId(workspaceId, slackChannelId), now)?.row : undefined;
  }

  /**
   * For the event hot path: a channel row at most CHANNEL_CACHE_MS behind the store (see
   * there), concurrent reads sharing one query.
   */
  async getRecent(workspaceId: string, slackChannelId: string): Promise<ChannelRow | null> {
    const id = channelRowId(workspaceId, slackChannelId);
    if (!this.changesAreRecent()) await this.applyChanges();
    const cached = this.usable(id, Date.now());
    if (cached) return cached.row;
    const running = this.inflight.get(id);
    if (running) return running;
    const started = Date.now();
    const query = this.db.channel
      .findUnique({ where: { id } })
      .then((row) => (this.staleReads.delete(id) ? row : this.remember(id, row, started)))
      .finally(() => {
        this.inflight.delete(id);
        this.staleReads.delete(id);
      });
    this.inflight.set(id, query);
    return query;
  }

  /**
   * Sets an admin's choice for a channel: true = collect (opt a private channel in),
   * false = never collect, null = back to the default.
   */
  async setCollectOverride(workspaceId: string, slackChannelId: string, override: boolean | null): Promise<ChannelRow> {
    const id = channelRowId(workspaceId, slackChannelId);
    const existing = await this.db.channel.findUnique({ where: { id } });
    const isPrivate = existing?.isPrivate ?? slackChannelId.startsWith('G');
    const data = { collectOverride: override, isCollected: isCollected(isPrivate, override) };
    const row = await retryingUniqueViolations(() =>
      this.db.channel.upsert({ where: { id }, create: { id, workspaceId, slackChannelId, isPrivate, ...data }, update: data }),
    );
    this.remember(id, row);
    return row;
  }

  async list(workspaceId: string): Promise<ChannelRow[]> {
    return this.db.channel.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
  }
}
