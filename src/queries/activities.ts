// Reading activities, for every surface: the API's list and get, exports (API and CLI), and a
// viewer's page of /activity or the Home tab. Surfaces call these, never the store, so a
// fourth surface (Studio) reads exactly what the others read.
import type { ActivityFilter, ActivityView, BrowsePage, Page } from '../activities/read-model';
import type { Store } from '../store/store';
import { withCurrentText } from './current-text';

/** Newest first, a page at a time: `nextCursor` goes back as `cursor`. */
export function listActivities(store: Store, filter: ActivityFilter, page: { limit: number; cursor?: string | null }): Promise<Page<ActivityView>> {
  return store.activityReads.list(filter, page);
}

/** One activity of a workspace by id; null when the workspace has none by that id. */
export function getActivity(store: Store, workspaceId: string, id: string): Promise<ActivityView | null> {
  return store.activityReads.get(workspaceId, id);
}

/** How many activities match. */
export function countActivities(store: Store, filter: ActivityFilter): Promise<number> {
  return store.activityReads.count(filter);
}

/** Every matching activity, newest first, in pages of `pageSize` (exports stream them in constant memory). */
export function exportPages(store: Store, filter: ActivityFilter, pageSize: number): AsyncGenerator<ActivityView[], void, undefined> {
  return store.activityReads.pages(filter, pageSize);
}

/**
 * A page as a person browses it (/activity, the Home tab): older than `after` or newer than
 * `before`, with cursors either side; a message edited since shows its current text.
 */
export async function browseActivities(store: Store, filter: ActivityFilter, page: { limit: number; after?: string | null; before?: string | null }): Promise<BrowsePage> {
  const found = await store.activityReads.browsePage(filter, page);
  return { ...found, items: await withCurrentText(store, filter.workspaceId, found.items) };
}
