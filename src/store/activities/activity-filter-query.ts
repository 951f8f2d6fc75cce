// The one translation of an ActivityFilter into a query, in the two forms the store needs: a
// Prisma WHERE (lists, counts, groupings) and SQL conditions for the raw per-day count (Prisma
// cannot group by a day). Both say the same thing, condition for condition, side by side here;
// test/integration/store/listing.int.test.ts checks that they select the same rows.
import type { ActivityFilter } from '../../activities/read-model';
import type { StoreKind } from '../database-url';
import type { Prisma } from '../prisma-client';

/**
 * SQLite only: `%` and `_` in searchText and in a searched `q` stand in for these two
 * private-use characters. Prisma's `contains` is a LIKE without an ESCAPE clause, and SQLite's
 * LIKE has no escape character unless the SQL names one, so a literal `%` or `_` in `q` would
 * match anything. Encoded on both sides, they match only themselves. (PostgreSQL's LIKE
 * escapes with a backslash, so there `q` is escaped instead and the text stored as is.)
 * Migration 20261127010000_search_text_wildcards encodes rows stored before.
 */
const LIKE_WILDCARD_STAND_INS: Record<string, string> = { '%': '\uE000', _: '\uE001' };

export function encodeLikeWildcards(text: string): string {
  return text.replace(/[%_]/g, (c) => LIKE_WILDCARD_STAND_INS[c]!);
}

/** The searched text of a filter as the column holds it (lower case; SQLite's stand-ins), or undefined. */
function searched(kind: StoreKind, filter: ActivityFilter): string | undefined {
  const text = filter.q?.trim().toLowerCase();
  if (!text) return undefined;
  return kind === 'sqlite' ? encodeLikeWildcards(text) : text;
}

/** The Prisma WHERE of a filter, shared by list, count, export and the groupings. Its AND may be pushed to. */
export function activityWhere(kind: StoreKind, filter: ActivityFilter): Prisma.ActivityWhereInput & { AND: Prisma.ActivityWhereInput[] } {
  const and: Prisma.ActivityWhereInput[] = [{ workspaceId: filter.workspaceId }];
  if (filter.types?.length) and.push({ type: { in: filter.types } });
  if (filter.initiatorId) and.push({ initiatorId: filter.initiatorId });
  if (filter.recipientId) and.push({ recipientId: filter.recipientId });
  if (filter.memberId) and.push({ OR: [{ initiatorId: filter.memberId }, { recipientId: filter.memberId }] });
  if (filter.channelIds?.length) and.push({ channelId: { in: filter.channelIds } });
  if (filter.since || filter.until) {
    and.push({ occurredAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } });
  }
  const text = searched(kind, filter);
  if (text) {
    // Prisma's `contains` does not escape LIKE wildcards: on PostgreSQL (whose LIKE escapes
    // with a backslash) escape them so "100%" or "a_b" is literal text.
    and.push({ searchText: { contains: kind === 'postgresql' ? text.replace(/[\\%_]/g, (c) => `\\${c}`) : text } });
  }
  if (filter.visibleTo) {
    and.push({ OR: [{ channelPrivate: false }, { channelId: { in: filter.visibleTo.privateChannelIds } }] });
  }
  return { AND: and };
}

/**
 * The same filter as SQL conditions over "Activity", each value bound through `param` (which
 * returns its placeholder: $n on PostgreSQL, ? on SQLite).
 */
export function activityConditionsSql(kind: StoreKind, filter: ActivityFilter, param: (value: unknown) => string): string[] {
  const list = (values: readonly string[]) => values.map((v) => param(v)).join(', ');
  const conditions = [`"workspaceId" = ${param(filter.workspaceId)}`];
  if (filter.types?.length) conditions.push(`"type" IN (${list(filter.types)})`);
  if (filter.initiatorId) conditions.push(`"initiatorId" = ${param(filter.initiatorId)}`);
  if (filter.recipientId) conditions.push(`"recipientId" = ${param(filter.recipientId)}`);
  if (filter.memberId) conditions.push(`("initiatorId" = ${param(filter.memberId)} OR "recipientId" = ${param(filter.memberId)})`);
  if (filter.channelIds?.length) conditions.push(`"channelId" IN (${list(filter.channelIds)})`);
  if (filter.since) conditions.push(`"occurredAt" >= ${param(filter.since)}`);
  if (filter.until) conditions.push(`"occurredAt" < ${param(filter.until)}`);
  const text = searched(kind, filter);
  if (text) conditions.push(`"searchText" LIKE ${param(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
  if (filter.visibleTo) {
    const ids = filter.visibleTo.privateChannelIds;
    conditions.push(ids.length ? `(NOT "channelPrivate" OR "channelId" IN (${list(ids)}))` : 'NOT "channelPrivate"');
  }
  return conditions;
}
