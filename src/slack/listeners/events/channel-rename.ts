// channel_rename (public channels) and group_rename (private channels): handed to
// src/sources/slack/workspace-changes.ts; a payload it cannot use is kept as a dead letter.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { payloadText } from '../../../sources/slack/payload-text';
import { renameChannel } from '../../../sources/slack/workspace-changes';
import type { ListenerDeps } from '../deps';
import { rawBodyOf, teamIdOf } from './delivery';

export function channelRenameCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'channel_rename' | 'group_rename'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = teamIdOf(body, context);
    const unusable = await renameChannel(deps, teamId, event.type, (event as { channel?: { id?: unknown; name?: unknown; is_mpim?: unknown } }).channel);
    if (unusable) {
      await deps.store.deadLetters.keep({ workspaceId: teamId, source: 'slack_event', kind: event.type, rawPayload: payloadText(body, rawBodyOf(context)).text, reason: unusable.reason });
    }
  };
}
