// The one keyset pager over activities, newest first on (occurredAt, id): rows that share a
// timestamp are neither skipped nor repeated across pages, and inserts between pages do not
// shift them. A bound is written as `occurredAt <= t AND (occurredAt < t OR id < i)` (and the
// mirror for newer), so the (workspaceId, …, occurredAt, id) indexes give a range scan in
// either direction, not a filter over everything older.
import type { Prisma } from '../prisma-client';
import type { CursorPosition } from '../cursor';

/** Conditions for the rows strictly older (`older`) or newer than `bound`, in (occurredAt, id) order. */
export function beyond(bound: CursorPosition, direction: 'older' | 'newer'): Prisma.ActivityWhereInput[] {
  return direction === 'older'
    ? [{ occurredAt: { lte: bound.occurredAt } }, { OR: [{ occurredAt: { lt: bound.occurredAt } }, { id: { lt: bound.id } }] }]
    : [{ occurredAt: { gte: bound.occurredAt } }, { OR: [{ occurredAt: { gt: bound.occurredAt } }, { id: { gt: bound.id } }] }];
}

export interface KeysetRequest {
  limit: number;
  /** Rows older than this position (the next page)… */
  after?: CursorPosition | null;
  /** …or newer than this one (the page before). */
  before?: CursorPosition | null;
}

export interface KeysetResult<R> {
  /** Newest first, whichever way the page was read. */
  rows: R[];
  /** Whether rows exist beyond the page, older and newer. */
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * One page of rows matching `where`, read by `read` (which adds its own include/select): older
 * than `after`, newer than `before`, or the newest. One row beyond the limit is read to know
 * whether there are more.
 */
export async function keysetPage<R extends { occurredAt: Date; id: string }>(
  where: Prisma.ActivityWhereInput & { AND: Prisma.ActivityWhereInput[] },
  request: KeysetRequest,
  read: (args: { where: Prisma.ActivityWhereInput; orderBy: Prisma.ActivityOrderByWithRelationInput[]; take: number }) => Promise<R[]>,
): Promise<KeysetResult<R>> {
  const newer = !request.after && Boolean(request.before);
  const bound = request.after ?? request.before ?? null;
  if (bound) where.AND.push(...beyond(bound, newer ? 'newer' : 'older'));
  const direction = newer ? 'asc' : 'desc';
  const rows = await read({ where, orderBy: [{ occurredAt: direction }, { id: direction }], take: request.limit + 1 });
  const more = rows.length > request.limit;
  const kept = rows.slice(0, request.limit);
  if (newer) kept.reverse();
  return { rows: kept, hasOlder: newer ? true : more, hasNewer: newer ? more : Boolean(bound) };
}
