// Statistics over a range, for every surface (the API's /stats, `/activity stats`, the Home
// tab's summary): counts by type and by day, and the most active members and channels with
// their names. Computed once here; each surface only presents them.
import { memberName, type ActivityFilter, type DayCount } from '../activities/read-model';
import type { Store } from '../store/store';

export interface TopMember {
  memberId: string;
  slackUserId: string | null;
  /** Display name, else real name; null when unknown. */
  name: string | null;
  /** Activities they initiated. */
  count: number;
}

export interface TopChannel {
  channelId: string;
  name: string | null;
  count: number;
}

export interface ActivityStats {
  since: Date;
  until: Date;
  total: number;
  /** Most frequent first. */
  byType: { type: string; count: number }[];
  /** Per type per calendar day (see activityPerDay), oldest first; days with none absent. */
  perDay: DayCount[];
  topMembers: TopMember[];
  topChannels: TopChannel[];
}

/**
 * Activities matching a filter per type per calendar day, the days of a zone `utcOffsetMinutes`
 * from UTC (0: UTC days). The filter needs `since` and `until`.
 */
export function activityPerDay(store: Store, filter: ActivityFilter & { since: Date; until: Date }, utcOffsetMinutes = 0): Promise<DayCount[]> {
  return store.activityReads.countPerDay(filter, utcOffsetMinutes);
}

/** The statistics of the activities matching `filter` over [since, until). */
export async function activityStats(
  store: Store,
  filter: ActivityFilter & { since: Date; until: Date },
  options: { top: number; utcOffsetMinutes?: number },
): Promise<ActivityStats> {
  const { workspaceId } = filter;
  const [byType, perDay, initiators, channels] = await Promise.all([
    store.activityReads.countByType(filter),
    activityPerDay(store, filter, options.utcOffsetMinutes ?? 0),
    store.activityReads.topInitiators(filter, options.top),
    store.activityReads.topChannels(filter, options.top),
  ]);
  const [members, channelRows] = await Promise.all([
    store.members.getMany(workspaceId, initiators.map((i) => i.memberId)),
    Promise.all(channels.map((c) => store.channels.get(workspaceId, c.channelId))),
  ]);
  return {
    since: filter.since,
    until: filter.until,
    total: byType.reduce((sum, t) => sum + t.count, 0),
    byType,
    perDay,
    topMembers: initiators.map(({ memberId, count }) => {
      const m = members.get(memberId);
      return { memberId, slackUserId: m?.slackUserId ?? null, name: m ? memberName(m) : null, count };
    }),
    topChannels: channels.map(({ channelId, count }, i) => ({ channelId, name: channelRows[i]?.name ?? null, count })),
  };
}
