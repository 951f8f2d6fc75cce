// A page of activity as one viewer may see it: their workspace only, and private channels only
// when they are in them; messages edited since carry their current text (src/queries/current-text.ts).
// Used by /activity (and its paging buttons) and the Home tab.
import type { BrowsePage } from '../activities/read-model';
import { browseActivities } from '../queries/activities';
import type { Store } from '../store/store';
import { toActivityFilter, type BrowseFilter, type ViewerScope } from './browse-filter';

export interface ListForViewerOptions {
  store: Store;
  scope: ViewerScope;
  filter: BrowseFilter;
  limit: number;
  /** Older than this cursor. */
  after?: string | null;
  /** Newer than this cursor (paging back). */
  before?: string | null;
}

export async function listForViewer(options: ListForViewerOptions): Promise<BrowsePage> {
  const { store, scope, filter, limit } = options;
  return browseActivities(store, toActivityFilter(scope, filter), {
    limit,
    ...(options.after ? { after: options.after } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
}
