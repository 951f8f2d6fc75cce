// app_home_opened on the Home tab: publishes the member's view, with the state they left it in
// (the previous view's private_metadata, which Slack sends with the event, else memory).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { defaultHomeState, parseHomeState } from '../../../browse/home-state';
import { browseServicesFor } from '../../../browse/services';
import { publishHome } from '../actions/publish-home';
import { afterAck } from '../commands/after-ack';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function appHomeOpenedCallback(deps: ListenerDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const workspaceId = teamIdOf(body, context);
    const userId = event.user;
    // Nothing is stored for this event, so Slack's 3 seconds are not spent on the view.
    afterAck(deps.logger, 'app_home_opened', async () => {
      const services = browseServicesFor(deps);
      const state = parseHomeState(event.view?.private_metadata) ?? services.homeStates.get(workspaceId, userId) ?? defaultHomeState();
      await publishHome(
        { store: deps.store, registry: deps.registry, logger: deps.logger, services, client },
        { workspaceId, userId, botUserId: context.botUserId },
        state,
      );
    });
  };
}
