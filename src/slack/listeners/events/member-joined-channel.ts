// member_joined_channel: keeps channels current; when the bot itself joins a channel, its
// details are fetched so collection starts with the right name and privacy.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { channelId } from '../../../sources/slack/mapping/fields';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function memberJoinedChannelCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as { channel?: unknown; channel_type?: unknown; user?: unknown };
    // Nothing is recorded for this event: one without a Slack channel id is simply let go.
    const channel = channelId(e.channel);
    if (!channel) return;
    const teamId = teamIdOf(body, context);
    await deps.store.workspaces.ensure(teamId);
    // channel_type is "C" for public and "G" for private channels in this event.
    const existing = await deps.store.channels.get(teamId, channel);
    if (!existing && (e.channel_type === 'C' || e.channel_type === 'G')) {
      await deps.store.channels.upsert(teamId, channel, { isPrivate: e.channel_type === 'G' });
    }
    if (typeof e.user === 'string' && e.user === context.botUserId) {
      void deps.directory.fetchChannel(teamId, channel);
    }
  };
}
