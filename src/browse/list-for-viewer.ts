// A page of activity as one viewer may see it: their workspace only, and private channels only
// when they are in them; messages edited since carry their current text (see current-text.ts).
// Used by /activity (and its paging buttons) and the Home tab.
import type { BrowsePage } from '../activities/read-model';
import type { Store } from '../store/store';
import { toActivityFilter, type BrowseFilter, type ViewerScope } from './browse-filter';
import { withCurrentText } from './current-text';

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
  const page = await store.activities.browsePage(toActivityFilter(scope, filter), {
    limit,
    ...(options.after ? { after: options.after } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return { ...page, items: await withCurrentText(store, scope.workspaceId, page.items) };
}
