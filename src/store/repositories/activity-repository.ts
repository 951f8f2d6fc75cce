// Writing the activity log: idempotent inserts keyed by (workspace, sourceKey), one at a time
// or in group commits, and the later changes a row may see (a deletion's scrub, labels filled
// in, a channel's privacy). Reading it is src/store/activities/activity-reads.ts.
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import { isUniqueViolation } from '../errors';
import { activityId } from '../ids';
import { scrubMetadata, wasScrubbed } from '../message-scrub';
import type { Db, Prisma } from '../prisma-client';
import type { StoreKind } from '../database-url';
import type { ActivityView } from '../../activities/read-model';
import { encodeLikeWildcards } from '../activities/activity-filter-query';
import { activityView, withMembers, type ActivityRow } from '../activities/activity-rows';
import type { ActivityReads } from '../activities/activity-reads';
import { INSERT_CHUNK, insertCheckedSql, insertParams, insertSql } from '../activities/insert-sql';
import { toSqliteValue, type SqliteWriter } from '../sqlite-writer';

export type ActivitySourceKind = 'slack' | 'api' | 'import';

/** An activity to record. Members are referenced by their row ids (see MemberRepository). */
export interface NewActivity {
  workspaceId: string;
  type: string;
  /** Defaults to the type's current version. */
  version?: number;
  occurredAt: Date;
  /**
   * Microseconds past occurredAt's millisecond (0-999), when the source has them (a Slack ts
   * does): they order activities within one millisecond, through the id (see activityId).
   */
  occurredAtMicros?: number;
  initiatorId: string | null;
  recipientId?: string | null;
  channelId?: string | null;
  channelPrivate?: boolean;
  metadata: unknown;
  source: ActivitySourceKind;
  /** Idempotency key, unique per workspace: the same event recorded twice is stored once. */
  sourceKey: string;
  /**
   * For activities holding a Slack message's words (the post, a reply, an edit): the source key
   * of that message's deletion. When the deletion is stored (before, or in the same group
   * commit), the group-commit writer stores this activity scrubbed (see message-scrub.ts).
   */
  deletionSourceKey?: string;
  /** Point-in-time labels (channel name, display names) still to be filled in. */
  labelsPending?: boolean;
  receivedAt?: Date;
}

export interface RecordResult {
  activity: ActivityView;
  /** True when an activity with this sourceKey already existed: nothing was written. */
  duplicate: boolean;
}

/** One activity's identity, (workspace, source key), as a single string key for sets and maps. */
export function keyOf(row: { workspaceId: string; sourceKey: string }): string {
  return `${row.workspaceId}\t${row.sourceKey}`;
}

function compareKeys(a: Prisma.ActivityCreateManyInput, b: Prisma.ActivityCreateManyInput): number {
  if (a.workspaceId !== b.workspaceId) return a.workspaceId < b.workspaceId ? -1 : 1;
  return a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0;
}

export class ActivityRepository {
  constructor(
    private readonly db: Db,
    private readonly registry: ActivityRegistry,
    private readonly kind: StoreKind,
    /** A duplicate's stored row is read back through it. */
    private readonly reads: ActivityReads,
    /** SQLite only: commits group inserts off the main thread (see sqlite-writer.ts). */
    private readonly sqliteWriter?: SqliteWriter,
  ) {}

  /** searchText as stored by this provider (see encodeLikeWildcards). */
  private searchable(text: string | null): string | null {
    return text !== null && this.kind === 'sqlite' ? encodeLikeWildcards(text) : text;
  }

  /** Validates a draft and turns it into row data (metadata parsed, search text computed). */
  prepare(draft: NewActivity): Prisma.ActivityCreateManyInput {
    const definition = this.registry.get(draft.type);
    const version = draft.version ?? definition.versions.length;
    const metadata = this.registry.validate(draft.type, version, draft.metadata);
    const rule = definition.recipient;
    if (rule.kind === 'none' && draft.recipientId) {
      throw new AppError(ErrorCode.ActivityRecipientNotAllowed, `${draft.type} has no recipient`, {
        issues: [{ path: 'recipient', message: `${draft.type} activities have no recipient` }],
      });
    }
    if (rule.kind === 'required' && !draft.recipientId) {
      throw new AppError(ErrorCode.ActivityRecipientRequired, `${draft.type} needs a recipient (${rule.who})`, {
        issues: [{ path: 'recipient', message: `required: ${rule.who}` }],
      });
    }
    // Written at the current version (the usual case), the validated metadata is already current.
    const current = version === definition.versions.length ? metadata : this.registry.upgrade(draft.type, version, metadata).metadata;
    return {
      id: activityId(draft.occurredAt, draft.occurredAtMicros),
      workspaceId: draft.workspaceId,
      type: draft.type,
      version,
      occurredAt: draft.occurredAt,
      receivedAt: draft.receivedAt ?? new Date(),
      initiatorId: draft.initiatorId,
      recipientId: draft.recipientId ?? null,
      channelId: draft.channelId ?? null,
      channelPrivate: draft.channelPrivate ?? false,
      metadata: metadata as Prisma.InputJsonValue,
      searchText: this.searchable(this.registry.searchText(draft.type, current)),
      source: draft.source,
      sourceKey: draft.sourceKey,
      labelsPending: draft.labelsPending ?? false,
    };
  }


  /**
   * Records one activity exactly once per (workspace, sourceKey). A second call with the same
   * key, from this process or another replica, writes nothing and returns the stored row.
   */
  async record(draft: NewActivity): Promise<RecordResult> {
    const data = this.prepare(draft);
    try {
      const row = await this.db.activity.create({ data, include: withMembers });
      return { activity: activityView(this.registry, row), duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.reads.findBySourceKey(draft.workspaceId, draft.sourceKey);
      if (!existing) throw error;
      return { activity: existing, duplicate: true };
    }
  }

  /**
   * Records many activities in one transaction: all validated first (one bad draft rejects the
   * lot), duplicates (already stored, or repeated within the batch) skipped and reported.
   */
  async recordMany(drafts: NewActivity[]): Promise<{ created: number; duplicates: string[] }> {
    return this.recordBatch(drafts);
  }







  /**
   * Removes the words of a deleted Slack message from everything we stored about it: the
   * original message's excerpt and search text, and the excerpts of its edits. Rows are
   * found by source-key prefix (e.g. "msg:C1:1531420618.000200", "edit:C1:1531420618.000200:").
   * `since`: none of them happened earlier (the message's own second), which bounds the search
   * to a range of the (workspaceId, occurredAt) index; a prefix (LIKE) alone cannot use one.
   */
  async scrubMessageText(workspaceId: string, sourceKeyPrefixes: string[], deletedAt: Date, since?: Date): Promise<number> {
    if (sourceKeyPrefixes.length === 0) return 0;
    const rows = await this.db.activity.findMany({
      where: {
        workspaceId,
        ...(since ? { occurredAt: { gte: since } } : {}),
        OR: sourceKeyPrefixes.map((prefix) => ({ sourceKey: { startsWith: prefix } })),
      },
    });
    for (const row of rows) {
      const metadata = scrubMetadata(row.type, row.metadata as Record<string, unknown>, deletedAt);
      await this.db.activity.update({
        where: { id: row.id },
        data: { metadata: metadata as Prisma.InputJsonValue, searchText: null },
      });
    }
    return rows.length;
  }


  /** Sets the channel privacy of activities recorded before the channel was known. */
  async setChannelPrivacy(workspaceId: string, channelId: string, channelPrivate: boolean): Promise<number> {
    const result = await this.db.activity.updateMany({ where: { workspaceId, channelId }, data: { channelPrivate } });
    return result.count;
  }

  /** Deletes one activity (only for rows that should never have been recorded). */
  async delete(id: string): Promise<void> {
    await this.db.activity.deleteMany({ where: { id } });
  }

  /** Activities whose point-in-time labels are still to be filled, oldest first. */
  async pendingLabels(limit: number): Promise<ActivityRow[]> {
    return this.db.activity.findMany({
      where: { labelsPending: true },
      include: withMembers,
      orderBy: [{ occurredAt: 'asc' }],
      take: limit,
    });
  }

  /**
   * Merges filled-in labels into a stored activity's metadata (validated at its stored version).
   * The write applies only if searchText is still what was read: a deletion that scrubbed the
   * row in between (it nulls searchText) is not undone by writing the old text back; the row is
   * read again instead.
   */
  async fillLabels(id: string, labels: Record<string, unknown>, stillPending: boolean): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = await this.db.activity.findUnique({ where: { id } });
      if (!row) return;
      const metadata = this.registry.validate(row.type, row.version, { ...(row.metadata as object), ...labels });
      const current = this.registry.upgrade(row.type, row.version, metadata).metadata;
      const written = await this.db.activity.updateMany({
        where: { id, searchText: row.searchText },
        data: {
          metadata: metadata as Prisma.InputJsonValue,
          searchText: wasScrubbed(row.type, row.metadata as Record<string, unknown>, row.searchText)
            ? null
            : this.searchable(this.registry.searchText(row.type, current)),
          labelsPending: stillPending,
        },
      });
      if (written.count > 0) return;
    }
  }

  // ---- Activity API: ingest, export, stats and member detail (src/api, src/sources/api) ----

  /** Which of these source keys are stored in a workspace, with the id and type of each. */
  async findBySourceKeys(workspaceId: string, sourceKeys: string[]): Promise<Map<string, { id: string; type: string }>> {
    const found = new Map<string, { id: string; type: string }>();
    if (sourceKeys.length === 0) return found;
    const unique = [...new Set(sourceKeys)];
    // SQLite caps bound parameters per statement (999 through the adapter): ask in slices.
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await this.db.activity.findMany({
        where: { workspaceId, sourceKey: { in: unique.slice(start, start + 500) } },
        select: { id: true, type: true, sourceKey: true },
      });
      for (const row of rows) found.set(row.sourceKey, { id: row.id, type: row.type });
    }
    return found;
  }

  /**
   * recordMany for API batches (up to 1,000 drafts): the same all-or-nothing transaction,
   * with the existing-key lookup asked in slices, since SQLite through the adapter caps a
   * statement at 999 bound parameters.
   */
  async recordBatch(drafts: NewActivity[]): Promise<{ created: number; duplicates: string[] }> {
    const { created, duplicates } = await this.insertPrepared(drafts.map((d) => this.prepare(d)));
    return { created, duplicates };
  }

  /**
   * The event hot path's insert: rows made by `prepare` (distinct keys), written with one
   * `INSERT … ON CONFLICT DO NOTHING RETURNING` per 50 rows in one transaction. The database
   * decides duplicates atomically, so concurrent replicas need no retry, and raw SQL skips
   * the per-shape query compilation that dominated group commits. Returns the indexes of
   * rows that were already stored.
   *
   * `deletionKeys[i]` is row i's deletionSourceKey (see NewActivity): such a row goes in
   * already scrubbed when its deletion is stored, so a deletion wins whatever the order the
   * events came in. A deletion in this same group is applied here; one committed before is
   * found by the insert statement itself (insertCheckedSql: no extra statement or round trip).
   * That leaves a deletion committed while the insert runs (another replica), which the
   * insert cannot see: the deletion's side closes that gap (see awaitConcurrentWrites).
   */
  async insertNew(rows: Prisma.ActivityCreateManyInput[], deletionKeys: (string | undefined)[] = []): Promise<{ duplicateIndexes: number[] }> {
    const pg = this.kind === 'postgresql';
    const checked = new Map<Prisma.ActivityCreateManyInput, string>();
    const toWrite = this.scrubDeletedInGroup(rows, deletionKeys, checked);
    // In key order, so two replicas committing groups at once (PostgreSQL) take the
    // unique-index locks in the same order and cannot deadlock over a redelivered event.
    const ordered = [...toWrite].sort((a, b) => compareKeys(a, b));
    const chunks: Prisma.ActivityCreateManyInput[][] = [];
    for (let start = 0; start < ordered.length; start += INSERT_CHUNK) chunks.push(ordered.slice(start, start + INSERT_CHUNK));
    const statement = (kind: StoreKind, chunk: Prisma.ActivityCreateManyInput[], map?: (value: unknown) => unknown) =>
      chunk.some((r) => checked.has(r))
        ? { sql: insertCheckedSql(kind, chunk.length), params: insertParams(chunk, map, checked) }
        : { sql: insertSql(kind, chunk.length), params: insertParams(chunk, map) };
    const inserted = new Set<string>();
    if (this.sqliteWriter) {
      // The writer thread answers with the inserted rows' keys only (see insertSql).
      const keys = await this.sqliteWriter.run(chunks.map((chunk) => ({ ...statement('sqlite', chunk, toSqliteValue), pluck: true })));
      for (const key of keys) inserted.add(String(key));
    } else {
      const run = async (client: Pick<Db, '$queryRawUnsafe'>) => {
        for (const chunk of chunks) {
          const { sql, params } = statement(pg ? 'postgresql' : 'sqlite', chunk);
          const returned = await client.$queryRawUnsafe<{ key: string }[]>(sql, ...params);
          for (const r of returned) inserted.add(r.key);
        }
      };
      if (chunks.length === 1) await run(this.db);
      else await this.db.$transaction(async (tx) => run(tx));
    }
    const duplicateIndexes: number[] = [];
    rows.forEach((r, index) => {
      if (!inserted.has(keyOf(r))) duplicateIndexes.push(index);
    });
    return { duplicateIndexes };
  }

  /**
   * The rows to write: one whose deletion is in the same group is scrubbed here (the insert
   * statement sees only deletions stored before it); the others that name a deletion are put
   * in `checked` with its key, for the insert statement to look up.
   */
  private scrubDeletedInGroup(
    rows: Prisma.ActivityCreateManyInput[],
    deletionKeys: (string | undefined)[],
    checked: Map<Prisma.ActivityCreateManyInput, string>,
  ): Prisma.ActivityCreateManyInput[] {
    if (!deletionKeys.some(Boolean)) return rows;
    const inGroup = new Map(rows.map((r) => [keyOf(r), r]));
    return rows.map((row, index) => {
      const deletionKey = deletionKeys[index];
      if (!deletionKey) return row;
      const deletion = inGroup.get(keyOf({ workspaceId: row.workspaceId, sourceKey: deletionKey }));
      if (!deletion) {
        checked.set(row, deletionKey);
        return row;
      }
      const metadata = scrubMetadata(row.type, row.metadata as Record<string, unknown>, new Date(deletion.occurredAt));
      return { ...row, metadata: metadata as Prisma.InputJsonValue, searchText: null };
    });
  }

  /**
   * PostgreSQL: waits until every transaction that was writing activities when this was
   * called has ended; SQLite: nothing to wait for (its write transactions run one at a time).
   *
   * A deletion calls it after its own commit, then scrubs again. An insert finds deletions
   * committed before its snapshot; one committed while the insert runs (another replica) is
   * missed, so the deletion must not scrub before that insert commits. Every insert takes its
   * lock on "Activity" (when the statement is parsed) before it takes the snapshot it reads
   * with, and holds it to its commit: so every insert that could have missed this deletion
   * holds that lock now, and the ones that take it later see the deletion. Waiting for the
   * holders listed in pg_locks (as CREATE INDEX CONCURRENTLY waits for older transactions)
   * blocks nobody. Throws after `timeoutMs`: the deletion is then answered with an error
   * and Slack redelivers it (a duplicate, which waits and scrubs again).
   */
  async awaitConcurrentWrites(timeoutMs = 1_500): Promise<void> {
    if (this.kind !== 'postgresql') return;
    const holders = `SELECT DISTINCT virtualtransaction AS "vxid" FROM pg_locks WHERE locktype = 'relation' ` +
      `AND relation = '"Activity"'::regclass AND mode = 'RowExclusiveLock' AND granted`;
    const first = await this.db.$queryRawUnsafe<{ vxid: string }[]>(`${holders} AND pid <> pg_backend_pid()`);
    let waiting = first.map((r) => r.vxid);
    const deadline = Date.now() + timeoutMs;
    while (waiting.length > 0) {
      if (Date.now() > deadline) throw new Error(`writes to activities still running after ${timeoutMs} ms (${waiting.length} transactions)`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const still = await this.db.$queryRawUnsafe<{ vxid: string }[]>(
        `${holders} AND virtualtransaction IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        JSON.stringify(waiting),
      );
      waiting = still.map((r) => r.vxid);
    }
  }

  /** Inserts rows made by `prepare` in one transaction, skipping (and reporting) stored keys. */
  async insertPrepared(
    rows: Prisma.ActivityCreateManyInput[],
  ): Promise<{ created: number; duplicates: string[]; duplicateIndexes: number[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          // SQLite: write first, so the transaction waits for the lock rather than failing (as recordMany).
          if (this.kind === 'sqlite') await tx.$executeRawUnsafe('UPDATE "Activity" SET "id" = "id" WHERE 0');
          const existing = new Set<string>();
          const byWorkspace = new Map<string, string[]>();
          for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.sourceKey]);
          for (const [workspaceId, keys] of byWorkspace) {
            for (let start = 0; start < keys.length; start += 500) {
              const found = await tx.activity.findMany({ where: { workspaceId, sourceKey: { in: keys.slice(start, start + 500) } }, select: { sourceKey: true } });
              for (const f of found) existing.add(keyOf({ workspaceId, sourceKey: f.sourceKey }));
            }
          }
          const fresh: Prisma.ActivityCreateManyInput[] = [];
          const duplicates: string[] = [];
          const duplicateIndexes: number[] = [];
          for (const [index, r] of rows.entries()) {
            const key = keyOf(r);
            if (existing.has(key)) {
              duplicates.push(r.sourceKey);
              duplicateIndexes.push(index);
            }
            else {
              existing.add(key);
              fresh.push(r);
            }
          }
          for (let start = 0; start < fresh.length; start += 50) await tx.activity.createMany({ data: fresh.slice(start, start + 50) });
          return { created: fresh.length, duplicates, duplicateIndexes };
        });
      } catch (error) {
        // A concurrent writer inserted one of our keys after the lookup: retry against the new state.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }






}
