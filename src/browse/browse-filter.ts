// What a viewer asked to see, resolved to ids and instants: the one filter shape shared by
// /activity, its paging buttons and the Home tab, and its translation to the store's filter.
import { slackMemberId } from '../store/ids';
import type { ActivityFilter } from '../activities/read-model';

export interface BrowseFilter {
  /** Activities by or to this Slack member. */
  member?: { slackUserId: string; label?: string };
  /** Activities in any of these Slack channels. */
  channels: { id: string; label?: string }[];
  /** Activity types (full names); empty = all. */
  types: string[];
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** How the range was asked for ("today", "this week", "last 7 days"), for display. */
  rangeLabel?: string;
  /** Case-insensitive text the activity must contain. */
  text?: string;
}

export const EMPTY_FILTER: BrowseFilter = { channels: [], types: [] };

export function isFiltered(filter: BrowseFilter): boolean {
  return Boolean(filter.member || filter.channels.length || filter.types.length || filter.since || filter.until || filter.text);
}

/** Who is looking: their workspace and the private channels they may see. */
export interface ViewerScope {
  workspaceId: string;
  userId: string;
  privateChannelIds: string[];
}

/** The store filter for a viewer: always their own workspace, never private channels they are not in. */
export function toActivityFilter(scope: ViewerScope, filter: BrowseFilter): ActivityFilter {
  return {
    workspaceId: scope.workspaceId,
    visibleTo: { privateChannelIds: scope.privateChannelIds },
    ...(filter.types.length ? { types: filter.types } : {}),
    ...(filter.member ? { memberId: slackMemberId(scope.workspaceId, filter.member.slackUserId) } : {}),
    ...(filter.channels.length ? { channelIds: filter.channels.map((c) => c.id) } : {}),
    ...(filter.since ? { since: filter.since } : {}),
    ...(filter.until ? { until: filter.until } : {}),
    ...(filter.text ? { q: filter.text } : {}),
  };
}
