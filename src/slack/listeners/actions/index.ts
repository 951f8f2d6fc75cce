// Registers every block action: /activity paging buttons and the Home tab's controls.
import type { App } from '@slack/bolt';
import { ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../../../ui/blocks/activity-list-message';
import type { ListenerDeps } from '../deps';
import { activityPagingCallback } from './activity-paging';
import { homeActionCallback } from './home-actions';

export function register(app: App, deps: ListenerDeps): void {
  const paging = activityPagingCallback(deps);
  app.action(ACTION_PAGE_NEXT, paging);
  app.action(ACTION_PAGE_PREV, paging);
  app.action({ type: 'block_actions', action_id: /^home_/ }, homeActionCallback(deps));
}
