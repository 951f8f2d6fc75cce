// From the filters of a request (list, export, CLI export) to the store's ActivityFilter.
import type { ActivityRegistry } from '../activities/registry';
import { AppError, ErrorCode } from '../errors';
import { slackMemberId } from '../store/ids';
import type { ActivityFilter } from '../store/repositories/activity-repository';

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

/** The store filter for a workspace; an unknown activity type is a 400 naming it. */
export function activityFilterFrom(workspaceId: string, query: FilterQuery, registry: ActivityRegistry): ActivityFilter {
  const unknown = (query.type ?? []).filter((t) => !registry.has(t));
  if (unknown.length > 0) {
    throw new AppError(ErrorCode.InvalidRequest, `unknown activity type: ${unknown.join(', ')}`, {
      issues: unknown.map((t) => ({ path: 'query.type', message: `"${t}" is not a registered activity type` })),
    });
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
