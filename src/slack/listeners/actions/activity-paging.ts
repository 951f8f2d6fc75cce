// Previous / Next under an /activity answer: replaces that same message (replace_original via
// the click's response_url), so paging never piles up new messages.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodePageToken } from '../../../browse/page-token';
import { browseServicesFor } from '../../../browse/services';
import { expiredPageMessage, failureMessage } from '../../../ui/blocks/help-message';
import { ephemeral } from '../commands/activity-command';
import { renderActivityPage } from '../../../browse/activity-page';
import { afterAck } from '../commands/after-ack';
import type { ListenerDeps } from '../deps';

export function activityPagingCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client, context }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const workspaceId = context.teamId ?? body.team?.id ?? body.user.team_id;
    const userId = body.user.id;
    afterAck(
      deps.logger,
      'activity paging',
      async () => {
        const token = decodePageToken(action.value);
        if (!token || !workspaceId) {
          await respond(ephemeral(deps, expiredPageMessage(), { replace_original: true }));
          return;
        }
        const services = browseServicesFor(deps);
        const viewer = await services.viewer(client, workspaceId, userId);
        const message = await renderActivityPage({ store: deps.store, services, client }, viewer, {
          filter: token.filter,
          cursor: { direction: token.direction, value: token.cursor },
          page: token.page,
        });
        await respond(ephemeral(deps, message, { replace_original: true }));
      },
      () => respond(ephemeral(deps, failureMessage('turn the page'), { replace_original: true })).then(() => undefined),
    );
  };
}
