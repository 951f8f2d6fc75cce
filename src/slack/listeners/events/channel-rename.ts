// channel_rename (public channels) and group_rename (private channels): later activities carry
// the new name; earlier ones keep the name they had. A group_rename of a multi-person DM is
// ignored: DMs are never collected, so their names are not kept either.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { channelId } from '../../../sources/slack/mapping/fields';
import type { ListenerDeps } from '../deps';
import { payloadText } from '../../../sources/slack/payload-text';
import { rawBodyOf, teamIdOf } from './delivery';

interface RenamedChannel {
  id?: unknown;
  name?: unknown;
  is_mpim?: unknown;
}

export function channelRenameCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'channel_rename' | 'group_rename'> & AllMiddlewareArgs): Promise<void> => {
    const channel = (event as { channel?: RenamedChannel }).channel;
    const teamId = teamIdOf(body, context);
    const id = channelId(channel?.id);
    if (!channel || !id) {
      await deps.store.deadLetters.keep({
        workspaceId: teamId,
        source: 'slack_event',
        kind: event.type,
        rawPayload: payloadText(body, rawBodyOf(context)).text,
        reason: `${event.type} without a valid channel.id`,
      });
      return;
    }
    if (channel.is_mpim === true) return;
    await deps.store.workspaces.ensure(teamId);
    // The directory reads channels from the store, so every replica sees the new name at once.
    // Slack sends group_rename only for private channels; channel_rename leaves privacy as known.
    // A name that is not text (a payload Slack never sends) is not kept.
    const name = typeof channel.name === 'string' ? channel.name : null;
    const info = event.type === 'group_rename' ? { name, isPrivate: true } : { name };
    await deps.store.channels.upsert(teamId, id, info, new Date());
  };
}
