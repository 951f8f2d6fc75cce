// Clicks in the Home tab: filters (type, member, channel, dates), Clear, Load more, Older,
// Back to newest, Refresh. Each one re-publishes the member's view with the new state.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { applyHomeAction, defaultHomeState, parseHomeState, type HomeAction } from '../../../browse/home-state';
import { browseServicesFor } from '../../../browse/services';
import { HOME_ACTIONS } from '../../../ui/blocks/home-view';
import { afterAck } from '../commands/after-ack';
import type { ListenerDeps } from '../deps';
import { publishHome } from './publish-home';

/** The fields of the element actions the Home tab has. */
interface HomeElementAction {
  action_id: string;
  type: string;
  value?: string;
  selected_option?: { value?: string } | null;
  selected_user?: string | null;
  selected_conversation?: string | null;
  selected_date?: string | null;
}

/** What a click asks for, or null for an action this tab does not have. */
export function homeActionOf(action: HomeElementAction): HomeAction | null {
  switch (action.action_id) {
    case HOME_ACTIONS.type:
      return { kind: 'type', value: action.selected_option?.value ?? null };
    case HOME_ACTIONS.user:
      return { kind: 'user', value: action.selected_user ?? null };
    case HOME_ACTIONS.channel:
      return { kind: 'channel', value: action.selected_conversation ?? null };
    case HOME_ACTIONS.from:
      return { kind: 'from', value: action.selected_date ?? null };
    case HOME_ACTIONS.to:
      return { kind: 'to', value: action.selected_date ?? null };
    case HOME_ACTIONS.clear:
      return { kind: 'clear' };
    case HOME_ACTIONS.loadMore:
      return { kind: 'load_more' };
    case HOME_ACTIONS.older:
      return action.value ? { kind: 'older', cursor: action.value } : { kind: 'newest' };
    case HOME_ACTIONS.newest:
      return { kind: 'newest' };
    case HOME_ACTIONS.refresh:
      return { kind: 'refresh' };
    default:
      return null;
  }
}

export function homeActionCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const change = homeActionOf(action as HomeElementAction);
    const workspaceId = context.teamId ?? body.team?.id ?? body.user.team_id;
    if (!change || !workspaceId) return;
    const userId = body.user.id;
    afterAck(deps.logger, 'home action', async () => {
      const services = browseServicesFor(deps);
      // The view Slack sends back is the truth; memory covers a view published before a restart of ours.
      const current = parseHomeState(body.view?.private_metadata) ?? services.homeStates.get(workspaceId, userId) ?? defaultHomeState();
      await publishHome(
        { store: deps.store, registry: deps.registry, logger: deps.logger, services, client },
        { workspaceId, userId, botUserId: context.botUserId },
        applyHomeAction(current, change),
      );
    });
  };
}
