// `/activity stats`: for a range (default 7 days), the counts by type, activity per day and the
// most active members and channels — all within what the viewer may see.
import { activityStats } from '../queries/stats';
import type { Store } from '../store/store';
import { toActivityFilter, type BrowseFilter, type ViewerScope } from './browse-filter';
import { addDays, dayOf, formatDay, utcOffsetMinutes, type CalendarDay } from './time-zone';

export const TOP_LIMIT = 5;
/** Longest run of bars in a sparkline; longer ranges are grouped into equal buckets. */
export const MAX_BARS = 31;

export interface ActivityStats {
  filter: BrowseFilter;
  since: Date;
  until: Date;
  total: number;
  byType: { type: string; count: number }[];
  /** One bar per day (or per group of days for long ranges), oldest first. */
  series: { label: string; count: number }[];
  /** How many days each bar of `series` covers. */
  daysPerBar: number;
  topMembers: { slackUserId: string | null; name: string | null; count: number }[];
  topChannels: { id: string; name: string | null; count: number }[];
}

/** Counts per calendar day (viewer's zone) from `since` to `until`, zero days included, grouped to ≤ maxBars. */
export function daySeries(
  counts: { day: string; count: number }[],
  since: Date,
  until: Date,
  timeZone: string,
  maxBars = MAX_BARS,
): { series: { label: string; count: number }[]; daysPerBar: number } {
  const byDay = new Map<string, number>();
  for (const c of counts) byDay.set(c.day, (byDay.get(c.day) ?? 0) + c.count);
  const days: { label: string; count: number }[] = [];
  const last = dayOf(new Date(until.getTime() - 1), timeZone);
  let day: CalendarDay = dayOf(since, timeZone);
  for (let guard = 0; guard < 3700; guard++) {
    const key = formatDay(day);
    days.push({ label: key, count: byDay.get(key) ?? 0 });
    if (key >= formatDay(last)) break;
    day = addDays(day, 1);
  }
  const daysPerBar = Math.max(1, Math.ceil(days.length / maxBars));
  if (daysPerBar === 1) return { series: days, daysPerBar };
  const series: { label: string; count: number }[] = [];
  for (let i = 0; i < days.length; i += daysPerBar) {
    const group = days.slice(i, i + daysPerBar);
    series.push({ label: group[0]!.label, count: group.reduce((sum, d) => sum + d.count, 0) });
  }
  return { series, daysPerBar };
}

export interface StatsOptions {
  store: Store;
  scope: ViewerScope;
  filter: BrowseFilter;
  timeZone: string;
  now: Date;
}

export async function statsForViewer(options: StatsOptions): Promise<ActivityStats> {
  const { store, scope, timeZone, now } = options;
  const until = options.filter.until ?? now;
  const since = options.filter.since ?? new Date(until.getTime() - 7 * 86_400_000);
  const filter: BrowseFilter = { ...options.filter, since, until };
  const stats = await activityStats(store, { ...toActivityFilter(scope, filter), since, until }, { top: TOP_LIMIT, utcOffsetMinutes: utcOffsetMinutes(now, timeZone) });
  const { series, daysPerBar } = daySeries(stats.perDay, since, until, timeZone);
  return {
    filter,
    since,
    until,
    total: stats.total,
    byType: stats.byType,
    series,
    daysPerBar,
    topMembers: stats.topMembers.map(({ slackUserId, name, count }) => ({ slackUserId, name, count })),
    topChannels: stats.topChannels.map(({ channelId, name, count }) => ({ id: channelId, name, count })),
  };
}
