// Conversation objects (as conversations.info returns them) and the channel events that
// carry them: channel_rename, channel_created, member_joined_channel.
import { DEFAULT_CHANNEL_ID, DEFAULT_CHANNEL_NAME, DEFAULT_TEAM_ID, DEFAULT_USER_ID } from './defaults';
import { channelId, dmId } from './ids';
import { nextTs, nowSeconds } from './ts';
import type { ChannelCreatedEvent, ChannelRenameEvent, MemberJoinedChannelEvent, SlackChannel, SlackIm } from './types';

/** A channel object; is_channel / is_group follow Slack's rules from the ID and privacy. */
export function slackChannel(overrides: Partial<SlackChannel> = {}): SlackChannel {
  const id = overrides.id ?? channelId();
  const name = overrides.name ?? `channel-${id.toLowerCase()}`;
  const isPrivate = overrides.is_private ?? false;
  const isMpim = overrides.is_mpim ?? false;
  // Private channels made before March 2021 have G IDs and report is_group instead of is_channel.
  const legacyGroup = id.startsWith('G') && !isMpim;
  const team = overrides.context_team_id ?? DEFAULT_TEAM_ID;
  const created = overrides.created ?? nowSeconds();
  const creator = overrides.creator ?? DEFAULT_USER_ID;
  return {
    id,
    name,
    is_channel: !legacyGroup && !isMpim,
    is_group: legacyGroup,
    is_im: false,
    is_mpim: isMpim,
    is_private: isPrivate || isMpim || legacyGroup,
    created,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: team,
    updated: created * 1000,
    parent_conversation: null,
    creator,
    is_ext_shared: false,
    shared_team_ids: [team],
    pending_connected_team_ids: [],
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    ...overrides,
  };
}

/** A direct-message conversation with `user`. */
export function slackIm(overrides: Partial<SlackIm> = {}): SlackIm {
  const created = overrides.created ?? nowSeconds();
  return {
    id: dmId(),
    created,
    is_archived: false,
    is_im: true,
    is_org_shared: false,
    context_team_id: DEFAULT_TEAM_ID,
    updated: created * 1000,
    user: DEFAULT_USER_ID,
    is_user_deleted: false,
    priority: 0,
    ...overrides,
  };
}

/** A channel was renamed; `channel` holds the new name. */
export function channelRename(channel: Partial<ChannelRenameEvent['channel']> = {}, overrides: Partial<ChannelRenameEvent> = {}): ChannelRenameEvent {
  const name = channel.name ?? 'new_name';
  return {
    type: 'channel_rename',
    channel: { id: DEFAULT_CHANNEL_ID, name, name_normalized: name, created: 1360782804, is_channel: true, is_mpim: false, ...channel },
    event_ts: nextTs(),
    ...overrides,
  };
}

/** A public channel was created. */
export function channelCreated(channel: Partial<SlackChannel> = {}, overrides: Partial<ChannelCreatedEvent> = {}): ChannelCreatedEvent {
  return { type: 'channel_created', channel: slackChannel({ name: DEFAULT_CHANNEL_NAME, ...channel }), event_ts: nextTs(), ...overrides };
}

/** A user joined a channel (channel_type "C" public, "G" private). */
export function memberJoinedChannel(overrides: Partial<MemberJoinedChannelEvent> = {}): MemberJoinedChannelEvent {
  return {
    type: 'member_joined_channel',
    user: DEFAULT_USER_ID,
    channel: DEFAULT_CHANNEL_ID,
    channel_type: 'C',
    team: DEFAULT_TEAM_ID,
    event_ts: nextTs(),
    ...overrides,
  };
}
