// What Slack tells about the workspace itself, kept current below the listeners: channels
// renamed (channel_rename, group_rename), channels the bot joins (member_joined_channel), and
// members' profiles (user_change, team_join). Nothing here records an activity; the listeners
// only read the payload and hand it over.
import type { Store } from '../../store/store';
import { channelId as slackChannelId, isRecord, userId as slackUserId } from './mapping/fields';
import type { SlackDirectory } from './lookups/directory';

export interface WorkspaceChangeDeps {
  store: Store;
  directory: SlackDirectory;
}

/** What a dead letter needs when a payload cannot be used. */
export interface Unusable {
  reason: string;
}

/**
 * A channel renamed: later activities carry the new name, earlier ones keep theirs. A renamed
 * multi-person DM (group_rename with is_mpim) is ignored: DMs are never collected.
 */
export async function renameChannel(
  deps: WorkspaceChangeDeps,
  teamId: string,
  kind: 'channel_rename' | 'group_rename',
  channel: { id?: unknown; name?: unknown; is_mpim?: unknown } | undefined,
): Promise<Unusable | undefined> {
  const id = slackChannelId(channel?.id);
  if (!channel || !id) return { reason: `${kind} without a valid channel.id` };
  if (channel.is_mpim === true) return undefined;
  await deps.store.workspaces.ensure(teamId);
  // The directory reads channels from the store, so every replica sees the new name at once.
  // Slack sends group_rename only for private channels; channel_rename leaves privacy as known.
  // A name that is not text (a payload Slack never sends) is not kept.
  const name = typeof channel.name === 'string' ? channel.name : null;
  await deps.store.channels.upsert(teamId, id, kind === 'group_rename' ? { name, isPrivate: true } : { name }, new Date());
  return undefined;
}

/**
 * Someone joined a channel: a channel not known yet is stored with its privacy (channel_type
 * "C" public, "G" private); when the bot itself joined, its details are fetched so collection
 * starts with the right name. Nothing is recorded: a join without a channel id is let go.
 */
export async function channelJoined(deps: WorkspaceChangeDeps, teamId: string, event: { channel?: unknown; channel_type?: unknown; user?: unknown }, botUserId: string | undefined): Promise<void> {
  const channel = slackChannelId(event.channel);
  if (!channel) return;
  await deps.store.workspaces.ensure(teamId);
  const existing = await deps.store.channels.get(teamId, channel);
  if (!existing && (event.channel_type === 'C' || event.channel_type === 'G')) {
    await deps.store.channels.upsert(teamId, channel, { isPrivate: event.channel_type === 'G' });
  }
  if (typeof event.user === 'string' && event.user === botUserId) void deps.directory.fetchChannel(teamId, channel);
}

/** A member's profile as Slack sent it (user_change, team_join): display name, avatar, deleted flag. */
export async function rememberProfile(deps: WorkspaceChangeDeps, teamId: string, user: unknown): Promise<Unusable | undefined> {
  const id = isRecord(user) ? slackUserId(user.id) : undefined;
  if (!isRecord(user) || !id) return { reason: 'a user object without a valid id' };
  await deps.store.workspaces.ensure(teamId);
  await deps.directory.rememberMember(teamId, id, user);
  return undefined;
}
