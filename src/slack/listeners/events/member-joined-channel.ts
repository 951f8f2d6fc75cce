// member_joined_channel: keeps channels current; when the bot itself joins a channel, its
// details are fetched so collection starts with the right name and privacy.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function memberJoinedChannelCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs): Promise<void> => {
    const e = event as { channel?: string; channel_type?: string; user?: string };
    if (!e.channel) return;
    const teamId = teamIdOf(body, context);
    await deps.store.workspaces.ensure(teamId);
    // channel_type is "C" for public and "G" for private channels in this event.
    const existing = await deps.store.channels.get(teamId, e.channel);
    if (!existing && (e.channel_type === 'C' || e.channel_type === 'G')) {
      await deps.store.channels.upsert(teamId, e.channel, { isPrivate: e.channel_type === 'G' });
    }
    if (e.user && e.user === context.botUserId) {
      void deps.directory.fetchChannel(teamId, e.channel);
    }
  };
}
