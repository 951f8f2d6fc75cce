// What the App Home tab shows a member: a 7-day summary of what they may see, and the newest
// activities under their filters, as far as they have scrolled.
import type { ActivityRegistry } from '../activities/registry';
import type { BrowsePage } from '../activities/read-model';
import { activityPerDay } from '../queries/stats';
import type { Store } from '../store/store';
import { isFiltered, toActivityFilter, type BrowseFilter, type ViewerScope } from './browse-filter';
import { hasHomeFilters, homeFilter, type HomeState } from './home-state';
import { listForViewer } from './list-for-viewer';
import { daySeries } from './stats';
import { addDays, dayOf, startOfDay, utcOffsetMinutes } from './time-zone';

export const SUMMARY_DAYS = 7;

export interface HomeSummary {
  total: number;
  byType: { type: string; count: number }[];
  /** One entry per day, oldest first; label is YYYY-MM-DD in the viewer's zone. */
  perDay: { label: string; count: number }[];
}

export interface HomeData {
  state: HomeState;
  filter: BrowseFilter;
  summary: HomeSummary;
  page: BrowsePage;
  /** Nothing at all to show and no filters: the tab explains how to get started instead. */
  empty: boolean;
}

export interface LoadHomeOptions {
  store: Store;
  registry: ActivityRegistry;
  scope: ViewerScope;
  state: HomeState;
  timeZone: string;
  now: Date;
}

/** The last 7 days (today included) in the viewer's zone, counted per day and per type. */
export async function homeSummary(store: Store, scope: ViewerScope, timeZone: string, now: Date): Promise<HomeSummary> {
  const since = startOfDay(addDays(dayOf(now, timeZone), -(SUMMARY_DAYS - 1)), timeZone);
  const counts = await activityPerDay(
    store,
    { ...toActivityFilter(scope, { channels: [], types: [] }), since, until: now },
    utcOffsetMinutes(now, timeZone),
  );
  const byTypeMap = new Map<string, number>();
  for (const c of counts) byTypeMap.set(c.type, (byTypeMap.get(c.type) ?? 0) + c.count);
  const byType = [...byTypeMap.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const { series } = daySeries(counts, since, now, timeZone, SUMMARY_DAYS);
  return { total: byType.reduce((sum, t) => sum + t.count, 0), byType, perDay: series };
}

export async function loadHome(options: LoadHomeOptions): Promise<HomeData> {
  const { store, registry, scope, state, timeZone, now } = options;
  const filter = homeFilter(state, timeZone, registry);
  const [summary, page] = await Promise.all([
    homeSummary(store, scope, timeZone, now),
    listForViewer({ store, scope, filter, limit: state.limit, after: state.older ?? null }),
  ]);
  const empty = !hasHomeFilters(state) && !isFiltered(filter) && !state.older && page.items.length === 0 && summary.total === 0;
  return { state, filter, summary, page, empty };
}
