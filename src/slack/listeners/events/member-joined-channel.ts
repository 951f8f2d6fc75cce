// member_joined_channel: handed to src/sources/slack/workspace-changes.ts (channels kept
// current; the bot's own joins fetch the channel's details).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { channelJoined } from '../../../sources/slack/workspace-changes';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function memberJoinedChannelCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs): Promise<void> => {
    await channelJoined(deps, teamIdOf(body, context), event as { channel?: unknown; channel_type?: unknown; user?: unknown }, context.botUserId);
  };
}
