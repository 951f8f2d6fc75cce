// Renders one page of /activity for a viewer: query, links, buttons that carry the next state.
// Shared by the command (page 1) and the Previous / Next buttons.
import type { BrowseFilter } from './browse-filter';
import { listForViewer } from './list-for-viewer';
import { encodePageToken } from './page-token';
import type { BrowseClient, BrowseServices, Viewer } from './services';
import type { Store } from '../store/store';
import { activityListMessage, PAGE_SIZE } from '../ui/blocks/activity-list-message';
import type { MessagePayload } from '../ui/blocks/kit';

export interface PageRequest {
  filter: BrowseFilter;
  /** Older than this cursor, or newer than it (paging back); none = the newest page. */
  cursor?: { direction: 'older' | 'newer'; value: string };
  page: number;
}

export async function renderActivityPage(
  deps: { store: Store; services: BrowseServices; client: BrowseClient },
  viewer: Viewer,
  request: PageRequest,
): Promise<MessagePayload> {
  const { store, services, client } = deps;
  const query = (cursor?: PageRequest['cursor']) =>
    listForViewer({
      store,
      scope: viewer.scope,
      filter: request.filter,
      limit: PAGE_SIZE,
      ...(cursor?.direction === 'older' ? { after: cursor.value } : {}),
      ...(cursor?.direction === 'newer' ? { before: cursor.value } : {}),
    });
  let page = request.page;
  let result = await query(request.cursor);
  // Paging back all the way lands on the newest page: show it whole, as the first page.
  if (request.cursor?.direction === 'newer' && !result.newerCursor) {
    result = await query();
    page = 1;
  }
  if (!request.cursor) page = 1;
  const links = await services.rowLinks(client, viewer, result.items);
  return activityListMessage({
    filter: request.filter,
    items: result.items,
    page,
    links,
    nextValue: result.olderCursor ? encodePageToken({ filter: request.filter, direction: 'older', cursor: result.olderCursor, page: page + 1 }) : null,
    prevValue: result.newerCursor && page > 1 ? encodePageToken({ filter: request.filter, direction: 'newer', cursor: result.newerCursor, page: Math.max(1, page - 1) }) : null,
  });
}
