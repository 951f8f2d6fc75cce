// Reading the activity log: one activity, keyset-paged lists (the API, exports, /activity and
// the Home tab), counts by type, by day and the most active members and channels. Every read
// goes through the one filter translation (activity-filter-query.ts) and the one pager
// (keyset.ts); the read use cases (src/queries/) are its callers.
import type { ActivityFilter, ActivityView, BrowsePage, DayCount, MessageEdit, Page } from '../../activities/read-model';
import type { ActivityRegistry } from '../../activities/registry';
import { decodeCursor, encodeCursor } from '../cursor';
import type { StoreKind } from '../database-url';
import type { Db } from '../prisma-client';
import { activityConditionsSql, activityWhere } from './activity-filter-query';
import { activityView, withMembers, type ActivityRow } from './activity-rows';
import { keysetPage, type KeysetRequest, type KeysetResult } from './keyset';

/** The type of a reply in a thread. */
const REPLY_TYPE = 'slack_message.threaded_reply.created';

export class ActivityReads {
  constructor(
    private readonly db: Db,
    private readonly registry: ActivityRegistry,
    private readonly kind: StoreKind,
  ) {}

  private view = (row: ActivityRow): ActivityView => activityView(this.registry, row);

  /** One activity by id, within a workspace (never across workspaces). */
  async get(workspaceId: string, id: string): Promise<ActivityView | null> {
    const row = await this.db.activity.findFirst({ where: { id, workspaceId }, include: withMembers });
    return row ? this.view(row) : null;
  }

  async findBySourceKey(workspaceId: string, sourceKey: string): Promise<ActivityView | null> {
    const row = await this.db.activity.findUnique({ where: { workspaceId_sourceKey: { workspaceId, sourceKey } }, include: withMembers });
    return row ? this.view(row) : null;
  }

  private page(filter: ActivityFilter, request: KeysetRequest): Promise<KeysetResult<ActivityRow>> {
    return keysetPage(activityWhere(this.kind, filter), request, (args) => this.db.activity.findMany({ ...args, include: withMembers }));
  }

  /** Newest first, a page at a time: pass `nextCursor` back as `cursor` (the API). */
  async list(filter: ActivityFilter, page: { limit: number; cursor?: string | null }): Promise<Page<ActivityView>> {
    const { rows, hasOlder } = await this.page(filter, { limit: page.limit, after: page.cursor ? decodeCursor(page.cursor) : null });
    const last = rows[rows.length - 1];
    return { items: rows.map(this.view), nextCursor: hasOlder && last ? encodeCursor(last) : null };
  }

  /** One page either side of a cursor, with cursors for the pages beside it (/activity, the Home tab). */
  async browsePage(filter: ActivityFilter, page: { limit: number; after?: string | null; before?: string | null }): Promise<BrowsePage> {
    const { rows, hasOlder, hasNewer } = await this.page(filter, {
      limit: page.limit,
      after: page.after ? decodeCursor(page.after) : null,
      before: !page.after && page.before ? decodeCursor(page.before) : null,
    });
    const items = rows.map(this.view);
    const first = items[0];
    const last = items[items.length - 1];
    return { items, olderCursor: hasOlder && last ? encodeCursor(last) : null, newerCursor: hasNewer && first ? encodeCursor(first) : null };
  }

  /** Every activity matching a filter, newest first, a page at a time (exports): memory stays flat however many rows. */
  async *pages(filter: ActivityFilter, pageSize = 1000): AsyncGenerator<ActivityView[], void, undefined> {
    let after: { occurredAt: Date; id: string } | null = null;
    for (;;) {
      const { rows, hasOlder } = await this.page(filter, { limit: pageSize, after });
      if (rows.length === 0) return;
      yield rows.map(this.view);
      if (!hasOlder) return;
      const last = rows[rows.length - 1]!;
      after = { occurredAt: last.occurredAt, id: last.id };
    }
  }

  /**
   * The newest slack_message.edited activity under each source-key prefix (one prefix per
   * message: every edit of it), for a page of messages in one query. `since` is the oldest
   * message's second (no edit is older), so the query is a range of the (workspaceId, type,
   * occurredAt) index rather than a scan: a prefix (LIKE) alone cannot use an index on
   * PostgreSQL outside the C collation, nor on SQLite (case-insensitive LIKE).
   */
  async newestEdits(workspaceId: string, prefixes: string[], since: Date): Promise<Map<string, MessageEdit>> {
    const found = new Map<string, MessageEdit>();
    if (prefixes.length === 0) return found;
    const rows = await this.db.activity.findMany({
      where: {
        workspaceId,
        type: 'slack_message.edited',
        occurredAt: { gte: since },
        OR: prefixes.map((prefix) => ({ sourceKey: { startsWith: prefix } })),
      },
      select: { sourceKey: true, type: true, version: true, metadata: true, occurredAt: true },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    });
    for (const row of rows) {
      const prefix = prefixes.find((p) => row.sourceKey.startsWith(p));
      if (!prefix || found.has(prefix)) continue;
      const { excerpt } = this.registry.upgrade(row.type, row.version, row.metadata).metadata;
      found.set(prefix, { excerpt: typeof excerpt === 'string' ? excerpt : '', editedAt: row.occurredAt });
    }
    return found;
  }

  async count(filter: ActivityFilter): Promise<number> {
    return this.db.activity.count({ where: activityWhere(this.kind, filter) });
  }

  /** Activities matching a filter, counted per type (most frequent first). */
  async countByType(filter: ActivityFilter): Promise<{ type: string; count: number }[]> {
    const groups = await this.db.activity.groupBy({
      by: ['type'],
      where: activityWhere(this.kind, filter),
      _count: { _all: true },
      orderBy: [{ _count: { type: 'desc' } }, { type: 'asc' }],
    });
    return groups.map((g) => ({ type: g.type, count: g._count._all }));
  }

  /** The values of `column` (never null) with the most activities matching a filter, most first. */
  private async top(filter: ActivityFilter, column: 'initiatorId' | 'channelId', limit: number): Promise<{ value: string; count: number }[]> {
    const where = activityWhere(this.kind, filter);
    where.AND.push({ [column]: { not: null } });
    // Prisma types a groupBy by its literal column; one helper for two columns casts its arguments and rows.
    const args = { by: [column], where, _count: { _all: true }, orderBy: [{ _count: { [column]: 'desc' } }, { [column]: 'asc' }], take: limit };
    const groups = (await this.db.activity.groupBy(args as unknown as Parameters<Db['activity']['groupBy']>[0])) as unknown as ({ _count: { _all: number } } & Record<typeof column, string>)[];
    return groups.map((g) => ({ value: g[column], count: g._count._all }));
  }

  /** The members who initiated the most activities matching a filter. */
  async topInitiators(filter: ActivityFilter, limit: number): Promise<{ memberId: string; count: number }[]> {
    return (await this.top(filter, 'initiatorId', limit)).map(({ value, count }) => ({ memberId: value, count }));
  }

  /** The channels with the most activities matching a filter. */
  async topChannels(filter: ActivityFilter, limit: number): Promise<{ channelId: string; count: number }[]> {
    return (await this.top(filter, 'channelId', limit)).map(({ value, count }) => ({ channelId: value, count }));
  }

  /**
   * The replies of one thread: in `channelId`, whose metadata names `threadTs` as their
   * thread, none older than `from` (the parent's time, which bounds the scan to a range of
   * the (workspaceId, channelId, occurredAt, id) index). Oldest first.
   */
  async threadReplies(workspaceId: string, channelId: string, threadTs: string, from: Date): Promise<ActivityView[]> {
    const pg = this.kind === 'postgresql';
    const threadOf = pg ? `"metadata"->>'thread_ts'` : `json_extract("metadata", '$.thread_ts')`;
    const p = (n: number) => (pg ? `$${n}` : '?');
    const found = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM "Activity" WHERE "workspaceId" = ${p(1)} AND "channelId" = ${p(2)} AND "occurredAt" >= ${p(3)} AND "type" = ${p(4)} AND ${threadOf} = ${p(5)}`,
      workspaceId,
      channelId,
      from,
      REPLY_TYPE,
      threadTs,
    );
    if (found.length === 0) return [];
    const rows = await this.db.activity.findMany({
      where: { workspaceId, id: { in: found.map((r) => r.id) } },
      include: withMembers,
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(this.view);
  }

  /**
   * What happened to some messages of a channel: reactions to them, their edits and their
   * deletions (found by source key), none older than `from`. Oldest first.
   */
  async aboutMessages(workspaceId: string, channelId: string, messageTs: readonly string[], from: Date): Promise<ActivityView[]> {
    if (messageTs.length === 0) return [];
    const rows = await this.db.activity.findMany({
      where: {
        workspaceId,
        channelId,
        occurredAt: { gte: from },
        OR: messageTs.flatMap((ts) => [
          { sourceKey: { startsWith: `react:${channelId}:${ts}:` } },
          { sourceKey: { startsWith: `edit:${channelId}:${ts}:` } },
          { sourceKey: `delete:${channelId}:${ts}` },
        ]),
      },
      include: withMembers,
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(this.view);
  }

  /**
   * Activities matching a filter per type per calendar day (days in UTC shifted by
   * `utcOffsetMinutes`: a viewer's zone), oldest first; days with none are absent. The filter
   * must have `since` and `until`.
   */
  async countPerDay(filter: ActivityFilter, utcOffsetMinutes = 0): Promise<DayCount[]> {
    if (!filter.since || !filter.until) throw new Error('countPerDay needs since and until');
    const pg = this.kind === 'postgresql';
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return pg ? `$${params.length}` : '?';
    };
    const offset = Math.trunc(utcOffsetMinutes);
    // The day expression comes first so its parameter is $1 / the first "?".
    const day = pg
      ? `to_char(("occurredAt" + make_interval(mins => ${param(offset)}::int)), 'YYYY-MM-DD')`
      : `strftime('%Y-%m-%d', "occurredAt", ${param(`${offset >= 0 ? '+' : ''}${offset} minutes`)})`;
    const conditions = activityConditionsSql(this.kind, filter, param);
    const rows = await this.db.$queryRawUnsafe<{ day: string; type: string; count: bigint | number }[]>(
      `SELECT ${day} AS day, "type", COUNT(*) AS count FROM "Activity" WHERE ${conditions.join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`,
      ...params,
    );
    return rows.map((r) => ({ day: r.day, type: r.type, count: Number(r.count) }));
  }
}
