// A channel as a page shows it: the channel as stored, its statistics over a range (counts by
// type and day, its most active members), and its newest activity.
import type { ActivityView } from '../activities/read-model';
import type { ChannelRow } from '../store/repositories/channel-repository';
import type { Store } from '../store/store';
import { listActivities } from './activities';
import { activityStats, type ActivityStats } from './stats';

export interface ChannelOverview {
  channel: ChannelRow | null;
  stats: ActivityStats;
  recent: ActivityView[];
}

/** A workspace's channel over [since, until): null when the workspace has no activity there and no such channel. */
export async function channelOverview(
  store: Store,
  workspaceId: string,
  channelId: string,
  options: { since: Date; until: Date; top: number; recent: number; visibleTo?: { privateChannelIds: string[] } },
): Promise<ChannelOverview | null> {
  const filter = { workspaceId, channelIds: [channelId], ...(options.visibleTo ? { visibleTo: options.visibleTo } : {}) };
  const [channel, stats, recent] = await Promise.all([
    store.channels.get(workspaceId, channelId),
    activityStats(store, { ...filter, since: options.since, until: options.until }, { top: options.top }),
    listActivities(store, filter, { limit: options.recent }),
  ]);
  if (!channel && recent.items.length === 0) return null;
  return { channel, stats, recent: recent.items };
}
