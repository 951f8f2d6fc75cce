// Activities: idempotent writes keyed by (workspace, sourceKey), keyset-paged reads that
// return metadata upgraded to the current version, and per-day counts.
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import { decodeCursor, encodeCursor } from '../cursor';
import { isUniqueViolation } from '../errors';
import { newId } from '../ids';
import type { Db, Prisma } from '../prisma-client';
import type { StoreKind } from '../database-url';

export type ActivitySourceKind = 'slack' | 'api' | 'import';

/** An activity to record. Members are referenced by their row ids (see MemberRepository). */
export interface NewActivity {
  workspaceId: string;
  type: string;
  /** Defaults to the type's current version. */
  version?: number;
  occurredAt: Date;
  initiatorId: string | null;
  recipientId?: string | null;
  channelId?: string | null;
  channelPrivate?: boolean;
  metadata: unknown;
  source: ActivitySourceKind;
  /** Idempotency key, unique per workspace: the same event recorded twice is stored once. */
  sourceKey: string;
  /** Point-in-time labels (channel name, display names) still to be filled in. */
  labelsPending?: boolean;
  receivedAt?: Date;
}

export interface MemberSummary {
  id: string;
  slackUserId: string | null;
  name: string | null;
}

/** An activity as read back: metadata at the type's current version, stored version kept. */
export interface ActivityView {
  id: string;
  workspaceId: string;
  type: string;
  version: number;
  storedVersion: number;
  occurredAt: Date;
  receivedAt: Date;
  initiator: MemberSummary | null;
  recipient: MemberSummary | null;
  channelId: string | null;
  channelPrivate: boolean;
  metadata: Record<string, unknown>;
  source: string;
  sourceKey: string;
  labelsPending: boolean;
}

export interface RecordResult {
  activity: ActivityView;
  /** True when an activity with this sourceKey already existed: nothing was written. */
  duplicate: boolean;
}

export interface ActivityFilter {
  workspaceId: string;
  types?: string[];
  initiatorId?: string;
  recipientId?: string;
  /** As initiator or recipient. */
  memberId?: string;
  channelIds?: string[];
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Case-insensitive substring of the searchable text. */
  q?: string;
  /** When set, activities in private channels are visible only if listed here. */
  visibleTo?: { privateChannelIds: string[] };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DayCount {
  day: string;
  type: string;
  count: number;
}

const memberSelect = { id: true, slackUserId: true, displayName: true, realName: true } as const;
const withMembers = { initiator: { select: memberSelect }, recipient: { select: memberSelect } } as const;
type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof withMembers }>;

function summary(member: ActivityRow['initiator']): MemberSummary | null {
  if (!member) return null;
  return { id: member.id, slackUserId: member.slackUserId, name: member.displayName || member.realName || null };
}

export class ActivityRepository {
  constructor(
    private readonly db: Db,
    private readonly registry: ActivityRegistry,
    private readonly kind: StoreKind,
  ) {}

  /** Validates a draft and turns it into row data (metadata parsed, search text computed). */
  private prepare(draft: NewActivity): Prisma.ActivityCreateManyInput {
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
    const current = this.registry.upgrade(draft.type, version, metadata).metadata;
    return {
      id: newId('act'),
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
      searchText: this.registry.searchText(draft.type, current),
      source: draft.source,
      sourceKey: draft.sourceKey,
      labelsPending: draft.labelsPending ?? false,
    };
  }

  /** Reads a stored row back as a view, upgrading its metadata to the current version. */
  toView(row: ActivityRow): ActivityView {
    const upgraded = this.registry.upgrade(row.type, row.version, row.metadata);
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      type: row.type,
      version: upgraded.version,
      storedVersion: row.version,
      occurredAt: row.occurredAt,
      receivedAt: row.receivedAt,
      initiator: summary(row.initiator),
      recipient: summary(row.recipient),
      channelId: row.channelId,
      channelPrivate: row.channelPrivate,
      metadata: upgraded.metadata,
      source: row.source,
      sourceKey: row.sourceKey,
      labelsPending: row.labelsPending,
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
      return { activity: this.toView(row), duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findBySourceKey(draft.workspaceId, draft.sourceKey);
      if (!existing) throw error;
      return { activity: existing, duplicate: true };
    }
  }

  /**
   * Records many activities in one transaction: all validated first (one bad draft rejects the
   * lot), duplicates (already stored, or repeated within the batch) skipped and reported.
   */
  async recordMany(drafts: NewActivity[]): Promise<{ created: number; duplicates: string[] }> {
    const rows = drafts.map((d) => this.prepare(d));
    // A concurrent writer can insert one of our keys between the check and the insert; the
    // transaction then fails as a whole and is retried against the new state.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          const byWorkspace = new Map<string, string[]>();
          for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.sourceKey]);
          const existing = new Set<string>();
          for (const [workspaceId, keys] of byWorkspace) {
            const found = await tx.activity.findMany({
              where: { workspaceId, sourceKey: { in: keys } },
              select: { sourceKey: true },
            });
            for (const f of found) existing.add(`${workspaceId}\u0000${f.sourceKey}`);
          }
          const fresh: Prisma.ActivityCreateManyInput[] = [];
          const duplicates: string[] = [];
          for (const r of rows) {
            const key = `${r.workspaceId}\u0000${r.sourceKey}`;
            if (existing.has(key)) duplicates.push(r.sourceKey);
            else {
              existing.add(key);
              fresh.push(r);
            }
          }
          if (fresh.length > 0) await tx.activity.createMany({ data: fresh });
          return { created: fresh.length, duplicates };
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async findBySourceKey(workspaceId: string, sourceKey: string): Promise<ActivityView | null> {
    const row = await this.db.activity.findUnique({
      where: { workspaceId_sourceKey: { workspaceId, sourceKey } },
      include: withMembers,
    });
    return row ? this.toView(row) : null;
  }

  /** One activity by id, within a workspace (never across workspaces). */
  async get(workspaceId: string, id: string): Promise<ActivityView | null> {
    const row = await this.db.activity.findFirst({ where: { id, workspaceId }, include: withMembers });
    return row ? this.toView(row) : null;
  }

  /** The WHERE clause of a filter, shared by list, count and export. */
  where(filter: ActivityFilter): Prisma.ActivityWhereInput {
    const and: Prisma.ActivityWhereInput[] = [{ workspaceId: filter.workspaceId }];
    if (filter.types?.length) and.push({ type: { in: filter.types } });
    if (filter.initiatorId) and.push({ initiatorId: filter.initiatorId });
    if (filter.recipientId) and.push({ recipientId: filter.recipientId });
    if (filter.memberId) and.push({ OR: [{ initiatorId: filter.memberId }, { recipientId: filter.memberId }] });
    if (filter.channelIds?.length) and.push({ channelId: { in: filter.channelIds } });
    if (filter.since || filter.until) {
      and.push({ occurredAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } });
    }
    if (filter.q?.trim()) and.push({ searchText: { contains: filter.q.trim().toLowerCase() } });
    if (filter.visibleTo) {
      and.push({ OR: [{ channelPrivate: false }, { channelId: { in: filter.visibleTo.privateChannelIds } }] });
    }
    return { AND: and };
  }

  /**
   * Newest first, keyset-paged on (occurredAt, id): rows that share a timestamp are neither
   * skipped nor repeated across pages, and inserts between pages do not shift them.
   */
  async list(filter: ActivityFilter, page: { limit: number; cursor?: string | null }): Promise<Page<ActivityView>> {
    const where = this.where(filter);
    if (page.cursor) {
      const after = decodeCursor(page.cursor);
      (where.AND as Prisma.ActivityWhereInput[]).push({
        OR: [{ occurredAt: { lt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { lt: after.id } }],
      });
    }
    const rows = await this.db.activity.findMany({
      where,
      include: withMembers,
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    const items = rows.slice(0, page.limit).map((r) => this.toView(r));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
  }

  async count(filter: ActivityFilter): Promise<number> {
    return this.db.activity.count({ where: this.where(filter) });
  }

  /**
   * Activities per type per calendar day in [since, until), days in UTC shifted by
   * `utcOffsetMinutes` (the viewer's zone). Days with no activity are absent.
   */
  async countByTypePerDay(
    workspaceId: string,
    range: { since: Date; until: Date; utcOffsetMinutes?: number },
  ): Promise<DayCount[]> {
    const offset = Math.trunc(range.utcOffsetMinutes ?? 0);
    const rows =
      this.kind === 'postgresql'
        ? await this.db.$queryRawUnsafe<{ day: string; type: string; count: bigint | number }[]>(
            `SELECT to_char(("occurredAt" + make_interval(mins => $4::int)), 'YYYY-MM-DD') AS day, "type", COUNT(*) AS count
             FROM "Activity" WHERE "workspaceId" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3
             GROUP BY 1, 2 ORDER BY 1, 2`,
            workspaceId,
            range.since,
            range.until,
            offset,
          )
        : await this.db.$queryRawUnsafe<{ day: string; type: string; count: bigint | number }[]>(
            `SELECT strftime('%Y-%m-%d', "occurredAt", ? || ' minutes') AS day, "type", COUNT(*) AS count
             FROM "Activity" WHERE "workspaceId" = ? AND "occurredAt" >= ? AND "occurredAt" < ?
             GROUP BY 1, 2 ORDER BY 1, 2`,
            `${offset >= 0 ? '+' : ''}${offset}`,
            workspaceId,
            range.since,
            range.until,
          );
    return rows.map((r) => ({ day: r.day, type: r.type, count: Number(r.count) }));
  }

  /**
   * Removes the words of a deleted Slack message from everything we stored about it: the
   * original message's excerpt and search text, and the excerpts of its edits. Rows are
   * found by source-key prefix (e.g. "msg:C1:1531420618.000200", "edit:C1:1531420618.000200:").
   */
  async scrubMessageText(workspaceId: string, sourceKeyPrefixes: string[], deletedAt: Date): Promise<number> {
    if (sourceKeyPrefixes.length === 0) return 0;
    const rows = await this.db.activity.findMany({
      where: { workspaceId, OR: sourceKeyPrefixes.map((prefix) => ({ sourceKey: { startsWith: prefix } })) },
    });
    for (const row of rows) {
      const metadata = { ...(row.metadata as Record<string, unknown>) };
      for (const field of ['excerpt', 'previous_excerpt']) {
        if (typeof metadata[field] === 'string') metadata[field] = '';
      }
      if (row.type === 'slack_message.created' || row.type === 'slack_message.threaded_reply.created') {
        metadata.deleted_at = deletedAt.toISOString();
      }
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

  /** Merges filled-in labels into a stored activity's metadata (validated at its stored version). */
  async fillLabels(id: string, labels: Record<string, unknown>, stillPending: boolean): Promise<void> {
    const row = await this.db.activity.findUnique({ where: { id } });
    if (!row) return;
    const metadata = this.registry.validate(row.type, row.version, { ...(row.metadata as object), ...labels });
    const current = this.registry.upgrade(row.type, row.version, metadata).metadata;
    await this.db.activity.update({
      where: { id },
      data: {
        metadata: metadata as Prisma.InputJsonValue,
        searchText: this.registry.searchText(row.type, current),
        labelsPending: stillPending,
      },
    });
  }
}
