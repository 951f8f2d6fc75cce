// Registers every block action: /activity paging buttons and the Home tab's controls.
import type { App } from '@slack/bolt';
import { ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../../../ui/blocks/activity-list-message';
import type { ListenerDeps } from '../deps';
import { activityPagingCallback } from './activity-paging';
import { homeActionCallback } from './home-actions';

const PAGING = new Set([ACTION_PAGE_NEXT, ACTION_PAGE_PREV]);

/**
 * One Bolt listener for every block action, dispatching on action_id: Bolt runs each
 * registered listener's middleware chain for every payload, events included, so each extra
 * registration costs every Slack event a little (see events/index.ts).
 */
export function register(app: App, deps: ListenerDeps): void {
  const paging = activityPagingCallback(deps);
  const home = homeActionCallback(deps);
  app.action({ type: 'block_actions', action_id: /^(activity_page_|home_)/ }, async (args) => {
    const actionId = args.action.action_id;
    // The paging controls are buttons (ui/blocks/activity-list-message.ts).
    if (PAGING.has(actionId) && args.action.type === 'button') await paging(args as Parameters<typeof paging>[0]);
    else if (actionId.startsWith('home_')) await home(args);
  });
}
