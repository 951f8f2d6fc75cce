// From the filters of a request (list, export, CLI export) to the store's ActivityFilter.
import type { ActivityRegistry } from '../activities/registry';
import { AppError, ErrorCode, type Issue } from '../errors';
import { slackMemberId } from '../store/ids';
import type { ActivityFilter } from '../store/repositories/activity-repository';
import { activityFilterFields } from './schemas/activity';
import type { ExtraCheck } from './validate';

/** A member filter may name a Slack user (U…/W…) or one of our member ids. */
export function memberIdFor(workspaceId: string, member: string): string {
  return /^[UW][A-Z0-9]+$/.test(member) ? slackMemberId(workspaceId, member) : member;
}

export interface FilterQuery {
  type?: string[] | undefined;
  member?: string | undefined;
  channel?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  q?: string | undefined;
}

/** One issue per type filter the registry does not know. */
export function unknownTypeIssues(types: readonly string[], registry: ActivityRegistry, path = 'query.type'): Issue[] {
  return types.filter((t) => !registry.has(t)).map((t) => ({ path, message: `"${t}" is not a registered activity type` }));
}

/**
 * The registry's check of a raw query's `type` filter, for `mount`'s checkQuery: reported with
 * the query schema's own problems, in one 400. A `type` the schema refuses is left to it.
 */
export function checkTypeFilter(registry: ActivityRegistry): ExtraCheck {
  return (raw) => {
    const parsed = activityFilterFields.type.safeParse((raw as { type?: unknown } | undefined)?.type);
    return parsed.success && parsed.data ? unknownTypeIssues(parsed.data, registry) : [];
  };
}

/** The store filter for a workspace; an unknown activity type is a 400 naming it. */
export function activityFilterFrom(workspaceId: string, query: FilterQuery, registry: ActivityRegistry): ActivityFilter {
  const unknown = (query.type ?? []).filter((t) => !registry.has(t));
  if (unknown.length > 0) {
    throw new AppError(ErrorCode.InvalidRequest, `unknown activity type: ${unknown.join(', ')}`, { issues: unknownTypeIssues(unknown, registry) });
  }
  return {
    workspaceId,
    ...(query.type?.length ? { types: query.type } : {}),
    ...(query.member ? { memberId: memberIdFor(workspaceId, query.member) } : {}),
    ...(query.channel ? { channelIds: [query.channel] } : {}),
    ...(query.since ? { since: query.since } : {}),
    ...(query.until ? { until: query.until } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}
