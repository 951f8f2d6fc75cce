// channel_rename: later activities carry the new name; earlier ones keep the name they had.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function channelRenameCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'channel_rename'> & AllMiddlewareArgs): Promise<void> => {
    const channel = (event as { channel?: { id?: string; name?: string } }).channel;
    const teamId = teamIdOf(body, context);
    if (!channel?.id) {
      await deps.store.deadLetters.keep({
        workspaceId: teamId,
        source: 'slack_event',
        kind: 'channel_rename',
        rawPayload: JSON.stringify(body),
        reason: 'channel_rename without channel.id',
      });
      return;
    }
    await deps.store.workspaces.ensure(teamId);
    // The directory reads channels from the store, so every replica sees the new name at once.
    await deps.store.channels.upsert(teamId, channel.id, { name: channel.name ?? null }, new Date());
  };
}
